import { Input, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState, type ReactNode } from 'react';
import { DEPARTMENT_LABELS, DEPARTMENTS, type DepartmentCode } from '@shared/auth/roles';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '@shared/complaint/model';
import type { SampleLabConfig } from '@shared/complaint/sample';
import type { LifecycleRules } from '@shared/complaint/lifecycle';
import type { UrgencyRules } from '@shared/complaint/urgency';
import type { EscalationRules } from '@shared/sla/alerts';
import type { SurgeRules } from '@shared/surge/detector';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { useSession } from '../../../session';
import { AuditHistory } from '../components/AuditHistory';
import { ConfigSaveBar, type ConfigSaveBarProps } from '../components/ConfigSaveBar';
import { NumberField } from '../components/NumberField';
import { useConfigDoc } from '../hooks/useConfigDoc';
// The chips' look, for a multiple choice ChoiceChips (single choice) does not offer.
import '../../../components/ChoiceChips/index.scss';
import '../admin.scss';
import './index.scss';

type Doc = ConfigSaveBarProps['doc'];

/** One configuration document as a card: its fields, then its own message and save (each document has its own version). */
function RulesCard(props: { id: string; title: string; doc: Doc; note?: string; children: ReactNode }) {
  const { id, title, doc, note, children } = props;
  return (
    <View className='k-card rules-admin__card' id={`${id}-form`}>
      <Text className='k-section-title'>{title}</Text>
      {note && <Text className='a-muted rules-admin__note'>{note}</Text>}
      {children}
      <ConfigSaveBar doc={doc} id={id} />
    </View>
  );
}

/** A list edited as lines of text: blank lines are dropped, but the text keeps what is being typed (a new line). */
function LinesField(props: { id: string; value: string[]; onChange: (lines: string[]) => void }) {
  const { id, value, onChange } = props;
  const [text, setText] = useState(value.join('\n'));
  const lines = (t: string) => t.split('\n').map((l) => l.trim()).filter(Boolean);
  // 恢复默认 (or a reload) replaces the value from outside: show it.
  useEffect(() => setText((t) => (lines(t).join('\n') === value.join('\n') ? t : value.join('\n'))), [value]);
  return (
    <Textarea
      id={id}
      className='a-textarea'
      value={text}
      maxlength={700}
      autoHeight
      onInput={(e) => {
        setText(e.detail.value);
        onChange(lines(e.detail.value));
      }}
    />
  );
}

/**
 * 处理规则: how urgent a complaint is (DOMAIN.md "Urgency"), when an overdue ticket goes to the manager, the
 * lifecycle's automatic moves and churn warning, the batch-surge detector's thresholds and the re-inspection lab.
 */
export default function RulesAdminPage() {
  const session = useSession();
  const urgency = useConfigDoc('urgency', session.epoch);
  const escalation = useConfigDoc('escalation', session.epoch);
  const lifecycle = useConfigDoc('lifecycle', session.epoch);
  const surge = useConfigDoc('surge', session.epoch);
  const lab = useConfigDoc('sampleLab', session.epoch);
  const docs = [urgency, escalation, lifecycle, surge, lab];
  const failed = docs.map((d) => d.remote.state).find((s) => s.status === 'error');
  if (failed && failed.status === 'error')
    return (
      <View className='k-page k-page--plain'>
        <ErrorState title='处理规则加载失败' error={failed.error} onRetry={failed.error.code === 'FORBIDDEN' ? undefined : () => docs.forEach((d) => void d.reload())} />
      </View>
    );
  if (!urgency.draft || !escalation.draft || !lifecycle.draft || !surge.draft || !lab.draft) return <LoadingSkeleton className='k-page k-page--plain' cards={3} lines={4} label='正在加载处理规则' />;
  const u = urgency.draft as UrgencyRules;
  const setU = (patch: Partial<UrgencyRules>) => urgency.setDraft({ ...u, ...patch });
  const e = escalation.draft as EscalationRules;
  const l = lifecycle.draft as LifecycleRules;
  const setL = (patch: Partial<LifecycleRules>) => lifecycle.setDraft({ ...l, ...patch });
  const g = surge.draft as SurgeRules;
  const setG = (patch: Partial<SurgeRules>) => surge.setDraft({ ...g, ...patch });
  const b = lab.draft as SampleLabConfig;
  const setB = (patch: Partial<SampleLabConfig>) => lab.setDraft({ ...b, ...patch });
  const toggleL2 = (c: Category) => setU({ l2Categories: u.l2Categories.includes(c) ? u.l2Categories.filter((x) => x !== c) : [...u.l2Categories, c] });
  const history = docs.flatMap((d) => (d.remote.state.status === 'ok' ? d.remote.state.data.history : [])).sort((x, y) => y.at.localeCompare(x.at));

  return (
    <View className='k-page k-page--plain a-page rules-admin' id='rules-admin-page'>
      <Text className='a-page-title'>处理规则</Text>

      <RulesCard id='urgency' title='紧急程度' doc={urgency} note='食品安全一律一级；以下情形把级别上调一级（最多上调的级数见下）。'>
        <Text className='a-label'>默认按二级处理的类别（其余为三级）</Text>
        <View className='k-chips k-chips--pill rules-admin__chips' id='urgency-l2'>
          {CATEGORIES.map((c) => (
            <View key={c} className={`k-chip${u.l2Categories.includes(c) ? ' k-chip--on' : ''}`} role='checkbox' aria-checked={u.l2Categories.includes(c)} data-value={c} onClick={() => toggleL2(c)}>
              <Text>{CATEGORY_LABELS[c]}</Text>
            </View>
          ))}
        </View>
        {urgency.fields.l2Categories && <Text className='a-error'>{urgency.fields.l2Categories}</Text>}
        <NumberField id='urgency-late' label='配送延误超过（升为二级）' unit='小时' value={u.lateHoursForL2} error={urgency.fields.lateHoursForL2} onChange={(v) => setU({ lateHoursForL2: v })} />
        <NumberField id='urgency-vip' label='VIP：年消费超过' unit='元' scale={100} value={u.vipAnnualFen} error={urgency.fields.vipAnnualFen} onChange={(v) => setU({ vipAnnualFen: v })} />
        <NumberField id='urgency-repeat-count' label='重复投诉：第几次起' unit='次' value={u.repeatCount} error={urgency.fields.repeatCount} onChange={(v) => setU({ repeatCount: v })} />
        <NumberField id='urgency-repeat-days' label='重复投诉：统计最近' unit='天' value={u.repeatWindowDays} error={urgency.fields.repeatWindowDays} onChange={(v) => setU({ repeatWindowDays: v })} />
        <NumberField id='urgency-batch-customers' label='群体投诉：同一批次顾客数' unit='人' value={u.batchCustomers} error={urgency.fields.batchCustomers} onChange={(v) => setU({ batchCustomers: v })} />
        <NumberField id='urgency-batch-hours' label='群体投诉：统计最近' unit='小时' value={u.batchWindowHours} error={urgency.fields.batchWindowHours} onChange={(v) => setU({ batchWindowHours: v })} />
        <NumberField id='urgency-max-raise' label='多种情形同时出现，最多上调' unit='级' value={u.maxRaise} error={urgency.fields.maxRaise} onChange={(v) => setU({ maxRaise: v })} />
      </RulesCard>

      <RulesCard id='escalation' title='超时升级' doc={escalation} note='超时时先提醒处理人和部门主管；超过下面的时间仍未完成，再升级给经理。'>
        <NumberField id='escalation-manager' label='超时后升级经理' unit='小时' scale={60} integer={false} value={e.managerAfterMinutes} error={escalation.fields.managerAfterMinutes} onChange={(v) => escalation.setDraft({ managerAfterMinutes: Math.round(v) })} />
      </RulesCard>

      <RulesCard id='lifecycle' title='自动流转与流失预警' doc={lifecycle}>
        <NumberField id='lifecycle-accept' label='方案发出后顾客不回复，视为接受' unit='天' value={l.autoAcceptDays} error={lifecycle.fields.autoAcceptDays} onChange={(v) => setL({ autoAcceptDays: v })} />
        <NumberField id='lifecycle-close' label='解决后自动关闭（发满意度调查）' unit='天' value={l.autoCloseDays} error={lifecycle.fields.autoCloseDays} onChange={(v) => setL({ autoCloseDays: v })} />
        <NumberField id='lifecycle-stars' label='评分不高于几星算不满意' unit='星' value={l.unsatisfiedStars} error={lifecycle.fields.unsatisfiedStars} onChange={(v) => setL({ unsatisfiedStars: v })} />
        <NumberField id='lifecycle-streak' label='连续几次不满意提醒客户经理' unit='次' value={l.churnStreak} error={lifecycle.fields.churnStreak} onChange={(v) => setL({ churnStreak: v })} />
        <NumberField id='lifecycle-nudge' label='顾客「催一下」的间隔' unit='分钟' value={l.nudgeIntervalMinutes} error={lifecycle.fields.nudgeIntervalMinutes} onChange={(v) => setL({ nudgeIntervalMinutes: v })} />
      </RulesCard>

      <RulesCard id='surge' title='批次异常检测' doc={surge} note='同一批次在窗口内的投诉顾客数远超该商品平时水平（泊松检验）时，自动立一级质检事件并通知质检主管和经理。'>
        <NumberField id='surge-window' label='统计窗口' unit='小时' value={g.windowHours} error={surge.fields.windowHours} onChange={(v) => setG({ windowHours: v })} />
        <NumberField id='surge-min' label='至少几位不同顾客' unit='位' value={g.minCount} error={surge.fields.minCount} onChange={(v) => setG({ minCount: v })} />
        <NumberField id='surge-p' label='显著性（越小越不易误报）' integer={false} value={g.maxPValue} error={surge.fields.maxPValue} onChange={(v) => setG({ maxPValue: v })} />
        <NumberField id='surge-baseline' label='平时水平按最近' unit='天' value={g.baselineDays} error={surge.fields.baselineDays} onChange={(v) => setG({ baselineDays: v })} />
        <NumberField id='surge-floor' label='新品的最低平时水平' unit='件/批次·天' integer={false} value={g.floorPerBatchDay} error={surge.fields.floorPerBatchDay} onChange={(v) => setG({ floorPerBatchDay: v })} />
        <NumberField id='surge-market' label='批次默认在售' unit='天' value={g.defaultMarketDays} error={surge.fields.defaultMarketDays} onChange={(v) => setG({ defaultMarketDays: v })} />
      </RulesCard>

      <RulesCard id='lab' title='寄样复检实验室' doc={lab} note='顾客寄回样品时看到的收件信息和打包说明。'>
        <Text className='a-label'>负责收样和录入结果的部门</Text>
        <ChoiceChips<DepartmentCode> id='lab-department' options={DEPARTMENTS.map((d) => ({ value: d, label: DEPARTMENT_LABELS[d] }))} value={b.department as DepartmentCode} allowDeselect={false} ariaLabel='负责部门' onChange={(d) => d && setB({ department: d })} />
        {(
          [
            ['name', '实验室名称'],
            ['address', '收件地址'],
            ['recipient', '收件人'],
            ['phone', '联系电话'],
          ] as const
        ).map(([key, label]) => (
          <View key={key}>
            <Text className='a-label'>{label}</Text>
            <Input id={`lab-${key}`} className='a-input' value={b[key]} maxlength={80} onInput={(e) => setB({ [key]: e.detail.value })} />
            {lab.fields[key] && <Text className='a-error'>{lab.fields[key]}</Text>}
          </View>
        ))}
        <Text className='a-label'>打包说明（每行一条）</Text>
        <LinesField id='lab-packing' value={b.packing} onChange={(packing) => setB({ packing })} />
        {Object.entries(lab.fields).filter(([k]) => k.startsWith('packing')).map(([k, v]) => (
          <Text key={k} className='a-error'>
            {v}
          </Text>
        ))}
        <NumberField id='lab-within' label='请顾客在几天内寄出' unit='天' value={b.sendWithinDays} error={lab.fields.sendWithinDays} onChange={(v) => setB({ sendWithinDays: v })} />
      </RulesCard>

      {history.length > 0 && <AuditHistory items={history.slice(0, 6)} />}
    </View>
  );
}

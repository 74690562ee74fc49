import { Input, Text, View } from '@tarojs/components';
import { LEVELS } from '@shared/complaint/model';
import { WEEKDAYS, type HolidayModePeriod, type SlaPolicy } from '@shared/sla/policy';
import { ActionButton } from '../../../components/ActionButton';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { useSession } from '../../../session';
import { AuditHistory } from '../components/AuditHistory';
import { NumberField } from '../components/NumberField';
import { useConfigDoc } from '../hooks/useConfigDoc';
import '../admin.scss';
import './index.scss';

const LEVEL_NOTES: Record<string, string> = { L1: '一级：食品安全、重大事件', L2: '二级：一般质量、延误超 24 小时、VIP、情绪激动', L3: '三级：常规问题与咨询' };

/**
 * 时效与节假日: targets per level, how each level's clock runs (around the clock or business hours), daily business
 * hours, the warning share, public holidays and holiday-mode periods (shorter targets, L1 to a duty team).
 */
export default function SlaAdminPage() {
  const session = useSession();
  const doc = useConfigDoc('sla', session.epoch);
  const { remote, draft, setDraft, fields } = doc;
  if (remote.state.status === 'loading' || (remote.state.status === 'ok' && !draft)) return <LoadingSkeleton className='k-page k-page--plain' cards={3} lines={4} label='正在加载时效设置' />;
  if (remote.state.status === 'error')
    return (
      <View className='k-page k-page--plain'>
        <ErrorState title='时效设置加载失败' error={remote.state.error} onRetry={remote.state.error.code === 'FORBIDDEN' ? undefined : () => void doc.reload()} />
      </View>
    );
  const p = draft as SlaPolicy;
  const set = (patch: Partial<SlaPolicy>) => setDraft({ ...p, ...patch });
  const hours = p.businessHours.mon[0] ?? { from: '08:00', to: '22:00' };
  const setHours = (patch: Partial<typeof hours>) => {
    const range = [{ ...hours, ...patch }];
    set({ businessHours: Object.fromEntries(WEEKDAYS.map((d) => [d, range])) as SlaPolicy['businessHours'], holidayHours: range, makeupWorkdayHours: range });
  };
  const setMode = (i: number, patch: Partial<HolidayModePeriod>) => set({ holidayModes: p.holidayModes.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const view = remote.state.data;

  return (
    <View className='k-page k-page--plain a-page sla-admin' id='sla-admin-page'>
      <Text className='a-page-title'>时效与节假日</Text>
      <Text className='a-muted sla-admin__version'>
        {view.version ? `第 ${view.version} 版 · ${view.updatedByName ?? ''} 修改` : '当前为默认设置'} · 保存后 1 分钟内全部生效
      </Text>
      {LEVELS.map((level) => (
        <View key={level} className='k-card' id={`sla-${level}`}>
          <Text className='k-section-title'>{LEVEL_NOTES[level]}</Text>
          <NumberField id={`sla-${level}-first`} label='首次响应' unit='小时' scale={60} value={p.targets[level].firstResponseMinutes} error={fields[`targets.${level}.firstResponseMinutes`]} onChange={(v) => set({ targets: { ...p.targets, [level]: { ...p.targets[level], firstResponseMinutes: v } } })} />
          <NumberField id={`sla-${level}-resolve`} label='解决' unit='小时' scale={60} value={p.targets[level].resolveMinutes} error={fields[`targets.${level}.resolveMinutes`]} onChange={(v) => set({ targets: { ...p.targets, [level]: { ...p.targets[level], resolveMinutes: v } } })} />
          <Text className='a-label'>计时方式</Text>
          <ChoiceChips ariaLabel='计时方式' allowDeselect={false} options={[{ value: '24x7', label: '全天 24 小时' }, { value: 'business', label: '仅营业时间' }]} value={p.calendars[level]} onChange={(v) => v && set({ calendars: { ...p.calendars, [level]: v } })} />
        </View>
      ))}
      <View className='k-card'>
        <Text className='k-section-title'>通用</Text>
        <NumberField id='sla-food-safety' label='食品安全首次响应' unit='分钟' value={p.foodSafetyFirstResponseMinutes} error={fields.foodSafetyFirstResponseMinutes} onChange={(v) => set({ foodSafetyFirstResponseMinutes: v })} />
        <NumberField id='sla-warn' label='剩余多少时提醒' unit='%' scale={0.01} integer={false} value={p.warnFraction} error={fields.warnFraction} onChange={(v) => set({ warnFraction: v })} />
        <View className='a-row'>
          <Text>每日营业时间（含节假日、调休日）</Text>
          <View className='sla-admin__hours'>
            <Input id='sla-hours-from' className='a-input sla-admin__time' value={hours.from} maxlength={5} onInput={(e) => setHours({ from: e.detail.value })} />
            <Text>–</Text>
            <Input id='sla-hours-to' className='a-input sla-admin__time' value={hours.to} maxlength={5} onInput={(e) => setHours({ to: e.detail.value })} />
          </View>
        </View>
        {fields['businessHours.mon.0.from'] && <Text className='a-error'>{fields['businessHours.mon.0.from']}</Text>}
      </View>
      <View className='k-card' id='sla-holiday-modes'>
        <Text className='k-section-title'>节假日模式（时限按系数缩短，一级工单交值班组）</Text>
        {p.holidayModes.map((m, i) => (
          <View key={i} className='sla-admin__mode' data-mode={m.name}>
            <View className='sla-admin__mode-row'>
              <Input className='a-input sla-admin__name' value={m.name} placeholder='名称' onInput={(e) => setMode(i, { name: e.detail.value })} />
              <Input className='a-input sla-admin__date' value={m.from} placeholder='开始 YYYY-MM-DD' onInput={(e) => setMode(i, { from: e.detail.value })} />
              <Input className='a-input sla-admin__date' value={m.to} placeholder='结束 YYYY-MM-DD' onInput={(e) => setMode(i, { to: e.detail.value })} />
            </View>
            <NumberField id={`sla-mode-${i}-factor`} label='时限系数' unit='×' value={m.factor} scale={1} integer={false} error={fields[`holidayModes.${i}.factor`]} onChange={(v) => setMode(i, { factor: v })} />
            <Text className='a-label'>值班组（员工编号，逗号分隔）</Text>
            <Input className='a-input' value={m.dutyTeam.join(',')} placeholder='如 demo-agent-qc' onInput={(e) => setMode(i, { dutyTeam: e.detail.value.split(/[,，\s]+/).filter(Boolean) })} />
            {Object.entries(fields)
              .filter(([k]) => k.startsWith(`holidayModes.${i}.`) && !k.endsWith('factor'))
              .map(([k, v]) => (
                <Text key={k} className='a-error'>
                  {v}
                </Text>
              ))}
            <View className='a-foot'>
              <ActionButton type='outline' size='small' onClick={() => set({ holidayModes: p.holidayModes.filter((_, j) => j !== i) })}>
                删除
              </ActionButton>
            </View>
          </View>
        ))}
        <ActionButton id='sla-add-mode' type='outline' size='small' onClick={() => set({ holidayModes: [...p.holidayModes, { name: '', from: '', to: '', factor: 0.5, dutyTeam: [] }] })}>
          添加节假日模式
        </ActionButton>
      </View>
      <View className='k-card'>
        <Text className='k-section-title'>法定节假日（{p.holidays.length} 个）</Text>
        {p.holidays.map((h, i) => (
          <View key={i} className='a-row'>
            <Text>
              {h.name} {h.from} 至 {h.to}
              {h.workdays.length ? ` · 调休上班 ${h.workdays.join('、')}` : ''}
            </Text>
            {h.provisional && <Text className='a-error'>待官方公布后更新</Text>}
          </View>
        ))}
      </View>
      {doc.error && (
        <Text className='a-error' id='sla-error'>
          {doc.error.message}
          {fields.value ? `：${fields.value}` : ''}
        </Text>
      )}
      {doc.saved && (
        <Text className='a-ok' id='sla-saved'>
          已保存（第 {view.version} 版）
        </Text>
      )}
      <View className='a-foot'>
        <ActionButton type='outline' onClick={doc.reset}>
          恢复默认
        </ActionButton>
        <ActionButton id='sla-save' loading={doc.saving} onClick={() => void doc.save()}>
          保存
        </ActionButton>
      </View>
      <AuditHistory items={view.history} />
    </View>
  );
}

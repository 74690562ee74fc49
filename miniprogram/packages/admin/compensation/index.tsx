import { Switch, Text, View } from '@tarojs/components';
import type { ApprovalLimits } from '@shared/compensation/approval';
import type { CompensationRules, RemedySpec } from '@shared/compensation/rules';
import { ActionButton } from '../../../components/ActionButton';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { yuan } from '../../../i18n/format';
import { useSession } from '../../../session';
import { AuditHistory } from '../components/AuditHistory';
import { ConfigSaveBar } from '../components/ConfigSaveBar';
import { NumberField } from '../components/NumberField';
import { useConfigDoc } from '../hooks/useConfigDoc';
import '../admin.scss';
import './index.scss';

const remedyText = (r: RemedySpec) => (r.kind === 'coupon' ? `${yuan(r.amountFen)} 优惠券` : r.kind === 'refund' ? `退款 ${r.percent}%` : '补发');

/** 补偿规则与审批: who may grant how much alone, the late-delivery and cold-chain rules, points, food-safety review. */
export default function CompensationAdminPage() {
  const session = useSession();
  const approval = useConfigDoc('approval', session.epoch);
  const rules = useConfigDoc('compensation', session.epoch);
  const states = [approval.remote.state, rules.remote.state];
  const failed = states.find((s) => s.status === 'error');
  if (failed && failed.status === 'error')
    return (
      <View className='k-page k-page--plain'>
        <ErrorState title='补偿设置加载失败' error={failed.error} onRetry={failed.error.code === 'FORBIDDEN' ? undefined : () => (void approval.reload(), void rules.reload())} />
      </View>
    );
  if (!approval.draft || !rules.draft) return <LoadingSkeleton className='k-page k-page--plain' cards={3} lines={4} label='正在加载补偿设置' />;
  const a = approval.draft as ApprovalLimits;
  const r = rules.draft as CompensationRules;
  const setR = (patch: Partial<CompensationRules>) => rules.setDraft({ ...r, ...patch });
  const late = r.lateDelivery;
  const setTier = (i: number, patch: Partial<CompensationRules['coldChain']['tiers'][number]>) => setR({ coldChain: { ...r.coldChain, tiers: r.coldChain.tiers.map((t, j) => (j === i ? { ...t, ...patch } : t)) } });
  const setRemedy = (i: number, k: number, next: RemedySpec) => setTier(i, { remedies: r.coldChain.tiers[i].remedies.map((x, j) => (j === k ? next : x)) });

  return (
    <View className='k-page k-page--plain a-page comp-admin' id='compensation-admin-page'>
      <Text className='a-page-title'>补偿规则与审批</Text>

      <View className='k-card' id='approval-form'>
        <Text className='k-section-title'>审批权限</Text>
        <NumberField id='approval-agent' label='专员可直接发放，最高' unit='元' scale={100} value={a.agentMaxFen} error={approval.fields.agentMaxFen} onChange={(v) => approval.setDraft({ ...a, agentMaxFen: v })} />
        <NumberField id='approval-head' label='部门主管可审批，最高' unit='元' scale={100} value={a.headMaxFen} error={approval.fields.headMaxFen} onChange={(v) => approval.setDraft({ ...a, headMaxFen: v })} />
        <Text className='a-muted'>超过主管权限的补偿由经理审批；食品安全补偿一律经质检复核。</Text>
        {approval.error && !Object.keys(approval.fields).length && <Text className='a-error'>{approval.error.message}</Text>}
        {approval.saved && <Text className='a-ok' id='approval-saved'>已保存</Text>}
        <View className='a-foot'>
          <ActionButton id='approval-save' size='small' loading={approval.saving} onClick={() => void approval.save()}>
            保存审批权限
          </ActionButton>
        </View>
      </View>

      <View className='k-card' id='rules-form'>
        <Text className='k-section-title'>配送延迟</Text>
        <View className='a-row'>
          <Text>启用（按订单时间自动计算）</Text>
          <Switch checked={late.enabled} color='#c8281e' onChange={(e) => setR({ lateDelivery: { ...late, enabled: !!e.detail.value } })} />
        </View>
        <NumberField id='late-min' label='延迟超过' unit='分钟' value={late.minDelayMinutes} error={rules.fields['lateDelivery.minDelayMinutes']} onChange={(v) => setR({ lateDelivery: { ...late, minDelayMinutes: v } })} />
        <NumberField id='late-hour' label='每开始 1 小时' unit='元' scale={100} value={late.perStartedHourFen} error={rules.fields['lateDelivery.perStartedHourFen']} onChange={(v) => setR({ lateDelivery: { ...late, perStartedHourFen: v } })} />
        <NumberField id='late-cap' label='最高' unit='元' scale={100} value={late.capFen} error={rules.fields['lateDelivery.capFen']} onChange={(v) => setR({ lateDelivery: { ...late, capFen: v } })} />

        <Text className='k-section-title comp-admin__gap'>冷链超温（高于 −15 °C 的分钟数）</Text>
        {r.coldChain.tiers.map((t, i) => (
          <View key={i} className='comp-admin__tier' data-tier={i}>
            {t.upToMinutes === null ? (
              <Text className='comp-admin__tier-title'>超过 {r.coldChain.tiers[i - 1]?.upToMinutes ?? 0} 分钟</Text>
            ) : (
              <NumberField id={`tier-${i}-minutes`} label={`第 ${i + 1} 档：不超过`} unit='分钟' value={t.upToMinutes} error={rules.fields[`coldChain.tiers.${i}.upToMinutes`]} onChange={(v) => setTier(i, { upToMinutes: v })} />
            )}
            {t.remedies.map((m, k) =>
              m.kind === 'coupon' ? (
                <NumberField key={k} id={`tier-${i}-coupon`} label='优惠券' unit='元' scale={100} value={m.amountFen} onChange={(v) => setRemedy(i, k, { kind: 'coupon', amountFen: v })} />
              ) : m.kind === 'refund' ? (
                <NumberField key={k} id={`tier-${i}-refund`} label='退款比例' unit='%' value={m.percent} onChange={(v) => setRemedy(i, k, { kind: 'refund', percent: v })} />
              ) : (
                <Text key={k} className='a-muted'>
                  {t.combine === 'one_of' ? '或 ' : '并 '}
                  {remedyText(m)}
                </Text>
              ),
            )}
          </View>
        ))}

        <Text className='k-section-title comp-admin__gap'>食品安全与积分</Text>
        <View className='a-row'>
          <Text>食品安全补偿须质检复核（{r.foodSafety.remedies.map(remedyText).join(r.foodSafety.combine === 'all' ? ' + ' : ' 或 ')}）</Text>
          <Switch checked={r.foodSafety.requiresQcReview} color='#c8281e' onChange={(e) => setR({ foodSafety: { ...r.foodSafety, requiresQcReview: !!e.detail.value } })} />
        </View>
        <NumberField id='points-per-yuan' label='积分折算：每 ¥1 =' unit='积分' value={r.pointsPerYuan} error={rules.fields.pointsPerYuan} onChange={(v) => setR({ pointsPerYuan: v })} />
        <ConfigSaveBar doc={rules} id='rules' saveLabel='保存补偿规则' savedText='已保存' />
      </View>
      {rules.remote.state.status === 'ok' && approval.remote.state.status === 'ok' && (
        <AuditHistory items={[...rules.remote.state.data.history, ...approval.remote.state.data.history].sort((x, y) => y.at.localeCompare(x.at)).slice(0, 6)} />
      )}
    </View>
  );
}

import { Input, Text, View } from '@tarojs/components';
import type { CompensationAdvice, CompensationSuggestionView } from '@shared/api/functions/ticket';
import { approvalExplanation, requiredApprover } from '@shared/compensation/approval';
import { pointsToFen } from '@shared/compensation/offer';
import type { CompensationInput } from '@shared/compensation/schema';
import { COMPENSATION_TYPE_LABELS, type CompensationType } from '@shared/compensation/types';
import { useEffect, useState } from 'react';
import { call } from '../../../../api';
import { ChoiceChips } from '../../../../components/ChoiceChips';
import { useRemote } from '../../../../hooks/useRemote';
import { yuan } from '../../../../i18n/format';
import './index.scss';

export interface CompensationPickerProps {
  complaintId: string;
  /** Food safety: QC reviews every compensation, whoever proposes it. */
  foodSafety: boolean;
  onChange: (value: CompensationInput | undefined, valueFen: number) => void;
  error?: string;
}

type Kind = CompensationType | 'none';

const fromSuggestion = (s: CompensationSuggestionView): CompensationInput =>
  s.offer.type === 'replacement' ? { type: 'replacement', items: s.offer.items } : s.offer.type === 'points' ? { type: 'points', points: s.offer.points } : { type: s.offer.type, amountFen: s.offer.amountFen };

/**
 * The compensation picker: what the rules suggest from this ticket's evidence (tap to use it), or a coupon,
 * refund, points or replacement by hand — always with the rule it follows and the approval the amount needs.
 */
export function CompensationPicker({ complaintId, foodSafety, onChange, error }: CompensationPickerProps) {
  const { state } = useRemote(() => call('ticket', 'suggestCompensation', { complaintId }), [complaintId]);
  const advice: CompensationAdvice | undefined = state.status === 'ok' ? state.data : undefined;
  const [kind, setKind] = useState<Kind>('none');
  const [amount, setAmount] = useState('');
  const [points, setPoints] = useState('');
  const [product, setProduct] = useState<string>();
  const [rule, setRule] = useState<string>();

  const limits = advice?.limits ?? { agentMaxFen: 5000, headMaxFen: 20000 };
  const amountFen = Math.round(Number(amount) * 100);
  const priceOf = (id?: string) => advice?.products.find((p) => p.productId === id)?.priceFen ?? 0;
  let value: CompensationInput | undefined;
  let valueFen = 0;
  if ((kind === 'coupon' || kind === 'refund') && amountFen > 0) {
    value = { type: kind, amountFen };
    valueFen = amountFen;
  } else if (kind === 'points' && Number(points) > 0) {
    value = { type: 'points', points: Math.round(Number(points)) };
    valueFen = pointsToFen(Math.round(Number(points)), advice?.pointsPerYuan ?? 100);
  } else if (kind === 'replacement' && product) {
    value = { type: 'replacement', items: [{ productId: product, qty: 1 }] };
    valueFen = priceOf(product);
  }
  const key = JSON.stringify(value);
  useEffect(() => onChange(value, valueFen), [key]); // eslint-disable-line react-hooks/exhaustive-deps

  const use = (s: CompensationSuggestionView) => {
    const input = fromSuggestion(s);
    setKind(input.type);
    setRule(s.rule);
    if (input.type === 'points') setPoints(String(input.points));
    else if (input.type === 'replacement') setProduct(input.items?.[0]?.productId);
    else setAmount(String((input.amountFen ?? 0) / 100));
  };
  const needs = requiredApprover(valueFen, limits);

  return (
    <View className='k-comp' id='compensation-picker'>
      <Text className='s-label'>补偿</Text>
      {state.status === 'loading' && <Text className='s-muted'>正在按规则计算建议…</Text>}
      {state.status === 'error' && <Text className='s-error'>补偿建议加载失败：{state.error.message}</Text>}
      {advice?.blockedBy && (
        <Text className='s-error' id='compensation-blocked'>
          {advice.blockedBy}
        </Text>
      )}
      {advice?.coldChain && (
        <View className='k-comp__cold' id='compensation-coldchain'>
          <Text className='k-comp__cold-title'>
            冷链记录：高于 {advice.coldChain.thresholdCelsius} °C 共 {advice.coldChain.minutesAbove} 分钟{advice.coldChain.maxCelsius !== undefined ? `，最高 ${advice.coldChain.maxCelsius} °C` : ''}
            {advice.coldChain.missingData ? '（记录不完整）' : ''}
          </Text>
          <View className='k-comp__curve' aria-label='温度曲线'>
            {advice.coldChain.readings.map((r) => {
              const over = r.celsius > advice.coldChain!.thresholdCelsius;
              // −25 °C at the bottom, +5 °C at the top.
              const h = Math.max(4, Math.min(100, ((r.celsius + 25) / 30) * 100));
              return <View key={r.at} className={`k-comp__tick${over ? ' k-comp__tick--over' : ''}`} style={{ height: `${h}%` }} />;
            })}
          </View>
        </View>
      )}
      {advice && advice.suggestions.length > 0 && (
        <View className='k-comp__suggest' id='compensation-suggestions'>
          <Text className='s-muted'>按规则建议（点一下使用）：</Text>
          {advice.suggestions.map((s, i) => (
            <View key={i} className='k-comp__sugg' id={`suggestion-${i}`} role='button' hoverClass='k-comp__sugg--pressed' onClick={() => use(s)}>
              <Text className='k-comp__sugg-summary'>{s.summary}</Text>
              <Text className='k-comp__sugg-rule'>{s.rule}</Text>
              <Text className={`k-comp__sugg-approval${s.approvalNeeded === 'none' ? '' : ' k-comp__sugg-approval--need'}`}>{s.approvalText}</Text>
            </View>
          ))}
        </View>
      )}
      {advice && advice.suggestions.length === 0 && <Text className='s-muted'>没有适用的自动规则，可按实际情况填写。</Text>}
      <ChoiceChips
        id='compensation-type'
        ariaLabel='补偿方式'
        allowDeselect={false}
        options={[{ value: 'none', label: '不补偿' }, ...(['coupon', 'refund', 'points', 'replacement'] as const).map((t) => ({ value: t, label: COMPENSATION_TYPE_LABELS[t] }))]}
        value={kind}
        onChange={(v) => {
          setKind((v ?? 'none') as Kind);
          setRule(undefined);
        }}
      />
      {(kind === 'coupon' || kind === 'refund') && (
        <View className='k-comp__amount'>
          <Text>¥</Text>
          <Input id='compensation-amount' className='s-input' type='digit' value={amount} placeholder='金额（元）' onInput={(e) => setAmount(e.detail.value)} />
        </View>
      )}
      {kind === 'points' && (
        <View className='k-comp__amount'>
          <Input id='compensation-points' className='s-input' type='number' value={points} placeholder='积分' onInput={(e) => setPoints(e.detail.value)} />
          <Text className='s-muted'>每 ¥1 = {advice?.pointsPerYuan ?? 100} 积分</Text>
        </View>
      )}
      {kind === 'replacement' && (
        <ChoiceChips
          id='compensation-product'
          ariaLabel='补发商品'
          options={(advice?.products ?? []).map((p) => ({ value: p.productId, label: `${p.name} ${yuan(p.priceFen)}` }))}
          value={product}
          onChange={setProduct}
        />
      )}
      {value && (
        <View className={`k-comp__approval k-comp__approval--${needs}`} id='compensation-approval'>
          <Text>
            价值 {yuan(valueFen)} · {approvalExplanation(valueFen, limits)}
          </Text>
          {(foodSafety || advice?.qcReview) && <Text>食品安全问题：补偿须质检复核</Text>}
          {rule && <Text className='s-muted'>依据：{rule}</Text>}
        </View>
      )}
      {error && (
        <Text className='s-error' aria-live='assertive'>
          {error}
        </Text>
      )}
    </View>
  );
}

export default CompensationPicker;

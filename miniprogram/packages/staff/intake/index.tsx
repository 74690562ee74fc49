import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { SubmitOutput } from '@shared/api/functions/complaint';
import { ticket as contract } from '@shared/api/functions/ticket';
import { validate } from '@shared/api/validate';
import { EXPECTATION_LABELS, EXPECTATIONS, type Expectation } from '@shared/complaint/document';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '@shared/complaint/model';
import { useRef, useState } from 'react';
import { call, newRequestId } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { FormField } from '../../../components/FormField';
import { formatShortDateTime } from '../../../utils/time';
import { ticketUrl } from '../../../utils/staff-routes';
import { usePreview } from '../hooks/usePreview';
import '../staff.scss';
import './index.scss';

interface Form {
  description: string;
  contactPhone: string;
  categoryHint?: Category;
  orderNo: string;
  expectation?: Expectation;
}

const EMPTY: Form = { description: '', contactPhone: '', orderNo: '' };

/**
 * 电话录入: an agent types in a 400-hotline complaint for the caller (channel `phone`), with the same live
 * classification preview the customer form shows; the same checks as the server, and one ticket per submit.
 */
export default function IntakePage() {
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string>();
  const [sending, setSending] = useState(false);
  const [receipt, setReceipt] = useState<SubmitOutput>();
  const requestId = useRef<string>();
  const preview = usePreview(form.description, form.categoryHint);
  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    // A field's message goes as soon as it is edited; the rest stay until the next submit.
    setErrors(({ ...rest }) => {
      for (const key of Object.keys(patch)) delete rest[key];
      return rest;
    });
  };

  const submit = async () => {
    if (sending) return;
    const input = {
      description: form.description,
      contactPhone: form.contactPhone,
      ...(form.categoryHint ? { categoryHint: form.categoryHint } : {}),
      ...(form.orderNo.trim() ? { orderNo: form.orderNo.trim() } : {}),
      ...(form.expectation ? { expectation: form.expectation } : {}),
    };
    const checked = validate(contract.createOnBehalf.input, input);
    if (!checked.ok) {
      setErrors(checked.error.fields ?? {});
      setGeneral('有几处需要修改');
      return;
    }
    setSending(true);
    setErrors({});
    setGeneral(undefined);
    requestId.current ??= newRequestId();
    const res = await call('ticket', 'createOnBehalf', input, { requestId: requestId.current });
    setSending(false);
    if (res.ok) {
      requestId.current = undefined;
      setReceipt(res.data);
    } else {
      setErrors(res.error.fields ?? {});
      setGeneral(res.error.message);
    }
  };

  if (receipt) {
    return (
      <View className='k-page k-page--plain intake-page' id='intake-page'>
        <View className='s-card intake-page__receipt' id='intake-receipt'>
          <Text className='s-title'>已登记电话投诉</Text>
          <Text className='intake-page__no k-mono' id='intake-ticket-no'>
            {receipt.ticketNo}
          </Text>
          <Text>
            {receipt.level} · {CATEGORY_LABELS[receipt.category]} · {receipt.subcategoryLabel} · {receipt.departmentLabel}
          </Text>
          {receipt.foodSafety && <Text className='s-error'>涉及食品安全，已按一级处理</Text>}
          <Text className='s-muted'>请告诉顾客：我们会在 {formatShortDateTime(receipt.firstResponseDueAt)} 前联系您，工单号 {receipt.ticketNo}。</Text>
          <View className='s-row intake-page__foot'>
            <ActionButton type='outline' size='small' onClick={() => (setReceipt(undefined), setForm(EMPTY))}>
              再录一单
            </ActionButton>
            <ActionButton id='intake-open' size='small' onClick={() => void Taro.redirectTo({ url: ticketUrl(receipt.complaintId) })}>
              打开工单
            </ActionButton>
          </View>
        </View>
      </View>
    );
  }

  return (
    <View className='k-page k-page--plain intake-page' id='intake-page'>
      <View className='s-card'>
        <Text className='s-title'>400 热线来电登记</Text>
        <Text className='s-muted'>按顾客的原话记录；渠道记为「电话」，顾客会收到短信回执。</Text>
      </View>
      <View className='intake-page__form'>
        <FormField id='description' label='问题描述' tag='必填' required error={errors.description}>
          <Textarea id='description' className='s-textarea' value={form.description} maxlength={500} autoHeight placeholder='顾客来电：……' onInput={(e) => set({ description: e.detail.value })} />
        </FormField>
        {preview && (
          <View className={`intake-page__preview${preview.foodSafety ? ' intake-page__preview--urgent' : ''}`} id='intake-preview'>
            <Text>
              {preview.needsTriage ? '分类不确定，提交后进入「待确认分类」' : `${preview.categoryLabel} · ${preview.subcategoryLabel} → ${preview.departmentLabel}`}
            </Text>
            <Text>
              {preview.level} {preview.levelLabel}（{preview.levelReason.replace(/^L\d:\s*/, '')}）· 置信度 {Math.round(preview.confidence * 100)}%
            </Text>
            {preview.foodSafety && <Text>可能涉及食品安全：提醒顾客暂停食用、保留包装</Text>}
          </View>
        )}
        <FormField id='contactPhone' label='来电号码' tag='必填' required error={errors.contactPhone}>
          <Input id='contactPhone' className='s-input intake-page__input' type='number' value={form.contactPhone} maxlength={13} placeholder='11 位手机号' onInput={(e) => set({ contactPhone: e.detail.value })} />
        </FormField>
        <FormField id='categoryHint' label='顾客说的问题类型' tag='选填' error={errors.categoryHint}>
          <ChoiceChips ariaLabel='问题类型' options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} value={form.categoryHint} onChange={(categoryHint) => set({ categoryHint })} />
        </FormField>
        <FormField id='orderNo' label='订单号' tag='选填' error={errors.orderNo}>
          <Input id='orderNo' className='s-input intake-page__input' value={form.orderNo} placeholder='如 SO20261120000100' onInput={(e) => set({ orderNo: e.detail.value })} />
        </FormField>
        <FormField id='expectation' label='顾客希望' tag='选填' error={errors.expectation}>
          <ChoiceChips ariaLabel='期望' options={EXPECTATIONS.map((e) => ({ value: e, label: EXPECTATION_LABELS[e] }))} value={form.expectation} onChange={(expectation) => set({ expectation })} />
        </FormField>
        {general && (
          <Text className='s-error' aria-live='assertive' id='intake-error'>
            {general}
          </Text>
        )}
        <View className='s-row intake-page__foot'>
          <ActionButton id='intake-submit' loading={sending} onClick={() => void submit()}>
            登记投诉
          </ActionButton>
        </View>
      </View>
    </View>
  );
}

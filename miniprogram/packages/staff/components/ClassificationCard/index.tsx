import { Switch, Text, View } from '@tarojs/components';
import type { TicketView } from '@shared/api/functions/ticket';
import { DEFAULT_TAXONOMY } from '@shared/complaint/taxonomy';
import type { Category } from '@shared/complaint/model';
import { useState } from 'react';
import type { ClientError } from '../../../../api';
import { ActionButton } from '../../../../components/ActionButton';
import { ChoiceChips } from '../../../../components/ChoiceChips';
import './index.scss';

export interface ClassificationCardProps {
  view: TicketView;
  canEdit: boolean;
  saving: boolean;
  error?: ClientError;
  onSave: (input: { category: Category; subcategory: string; foodSafety: boolean }) => Promise<boolean>;
}

const SOURCE: Record<string, string> = { model: '自动识别', cloud: '云端模型', staff: '员工更正' };

/**
 * The classification with its confidence; correcting it re-levels and re-routes the ticket (ticket.reclassify),
 * and the before → after is in the audit log. The subcategory hints say what each one covers.
 */
export function ClassificationCard({ view, canEdit, saving, error, onSave }: ClassificationCardProps) {
  const c = view.classification;
  const [editing, setEditing] = useState(false);
  const [category, setCategory] = useState<Category>(c.category);
  const [sub, setSub] = useState<string | undefined>(c.subcategory);
  const [foodSafety, setFoodSafety] = useState(view.foodSafety);
  const pct = Math.round(c.confidence * 100);
  const subs = DEFAULT_TAXONOMY.categories.find((x) => x.code === category)?.subcategories ?? [];
  const hint = subs.find((s) => s.code === sub)?.hint;

  return (
    <View className='s-card k-class' id='ticket-classification'>
      <View className='k-class__head'>
        <Text className='s-title k-class__title'>问题分类</Text>
        {c.needsTriage && <Text className='s-tag s-tag--info'>待人工确认</Text>}
        {canEdit && !editing && (
          <ActionButton id='classification-edit' type='outline' size='small' onClick={() => setEditing(true)}>
            {c.needsTriage ? '确认 / 更正' : '更正'}
          </ActionButton>
        )}
      </View>
      <Text className='k-class__issue' id='classification-issue'>
        {c.categoryLabel} · {c.subcategoryLabel}
      </Text>
      <View className='k-class__conf' aria-label={`置信度 ${pct}%`}>
        <View className={`k-class__bar${pct < 50 ? ' k-class__bar--low' : ''}`} style={{ width: `${pct}%` }} />
      </View>
      <Text className='s-muted'>
        置信度 {pct}% · {SOURCE[c.source] ?? c.source}
        {c.hint ? ` · 顾客选的是「${DEFAULT_TAXONOMY.categories.find((x) => x.code === c.hint)?.label ?? c.hint}」` : ''}
      </Text>
      {editing && (
        <View className='k-class__edit' id='classification-form'>
          <Text className='s-label'>类别</Text>
          <ChoiceChips
            id='classification-category'
            ariaLabel='类别'
            allowDeselect={false}
            options={DEFAULT_TAXONOMY.categories.map((x) => ({ value: x.code, label: x.label }))}
            value={category}
            onChange={(v) => {
              if (!v) return;
              setCategory(v);
              setSub(undefined);
            }}
          />
          <Text className='s-label'>细类</Text>
          <ChoiceChips id='classification-sub' ariaLabel='细类' allowDeselect={false} options={subs.map((s) => ({ value: s.code, label: s.label }))} value={sub} onChange={setSub} />
          {hint && <Text className='s-muted'>包括：{hint}</Text>}
          <View className='k-class__fs'>
            <Text className='s-label'>涉及食品安全</Text>
            <Switch checked={foodSafety} color='#c8281e' onChange={(e) => setFoodSafety(!!e.detail.value)} />
          </View>
          <Text className='s-muted'>更正后会重新定级；换了部门会重新分派。</Text>
          {error && (
            <Text className='s-error' aria-live='assertive'>
              {error.fields?.subcategory ?? error.message}
            </Text>
          )}
          <View className='k-class__foot'>
            <ActionButton type='outline' size='small' onClick={() => setEditing(false)}>
              取消
            </ActionButton>
            <ActionButton
              id='classification-save'
              size='small'
              loading={saving}
              disabled={!sub}
              onClick={() => void onSave({ category, subcategory: sub!, foodSafety }).then((ok) => ok && setEditing(false))}
            >
              保存分类
            </ActionButton>
          </View>
        </View>
      )}
    </View>
  );
}

export default ClassificationCard;

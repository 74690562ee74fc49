import { Input, Text, Textarea, View } from '@tarojs/components';
import { DEPARTMENT_LABELS, DEPARTMENTS, type DepartmentCode } from '@shared/auth/roles';
import type { TaxonomyValue } from '@shared/staff/config-docs';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { useSession } from '../../../session';
import { AuditHistory } from '../components/AuditHistory';
import { ConfigSaveBar } from '../components/ConfigSaveBar';
import { useConfigDoc } from '../hooks/useConfigDoc';
import '../admin.scss';
import './index.scss';

const DEPARTMENT_OPTIONS = DEPARTMENTS.map((d) => ({ value: d, label: DEPARTMENT_LABELS[d] }));

/**
 * 分类、部门与回复模板: the names staff and customers see for each category and subcategory, which department a
 * category goes to (new complaints and reclassifications route by it), and the first reply an agent can send.
 * The codes are fixed — the classifier and every stored complaint use them.
 */
export default function TaxonomyAdminPage() {
  const session = useSession();
  const doc = useConfigDoc('taxonomy', session.epoch);
  if (doc.remote.state.status === 'error')
    return (
      <View className='k-page k-page--plain'>
        <ErrorState title='分类设置加载失败' error={doc.remote.state.error} onRetry={doc.remote.state.error.code === 'FORBIDDEN' ? undefined : () => void doc.reload()} />
      </View>
    );
  if (!doc.draft) return <LoadingSkeleton className='k-page k-page--plain' cards={3} lines={5} label='正在加载分类设置' />;
  const v = doc.draft as TaxonomyValue;
  const setCategory = (code: string, patch: Partial<TaxonomyValue['categories'][string]>) => doc.setDraft({ categories: { ...v.categories, [code]: { ...v.categories[code], ...patch } } });
  const setSub = (cat: string, sub: string, patch: Partial<{ label: string; replyTemplate: string }>) =>
    setCategory(cat, { subcategories: { ...v.categories[cat].subcategories, [sub]: { ...v.categories[cat].subcategories[sub], ...patch } } });

  return (
    <View className='k-page k-page--plain a-page tax-admin' id='taxonomy-admin-page'>
      <Text className='a-page-title'>分类、部门与回复模板</Text>
      <Text className='a-muted'>改名称和模板不影响已有工单的分类；改负责部门只影响之后的新投诉和重新分类。模板里的 {'{product}'} 会换成商品名。</Text>
      {Object.entries(v.categories).map(([code, cat]) => (
        <View key={code} className='k-card tax-admin__cat' id={`cat-${code}`}>
          <Text className='a-label'>类别名称（{code}）</Text>
          <Input id={`cat-${code}-label`} className='a-input' value={cat.label} maxlength={20} onInput={(e) => setCategory(code, { label: e.detail.value })} />
          {doc.fields[`categories.${code}.label`] && <Text className='a-error'>{doc.fields[`categories.${code}.label`]}</Text>}
          <Text className='a-label'>负责部门</Text>
          <ChoiceChips<DepartmentCode> id={`cat-${code}-department`} options={DEPARTMENT_OPTIONS} value={cat.department} allowDeselect={false} ariaLabel='负责部门' onChange={(d) => d && setCategory(code, { department: d })} />
          {Object.entries(cat.subcategories).map(([sub, s]) => {
            const base = `categories.${code}.subcategories.${sub}`;
            return (
              <View key={sub} className='tax-admin__sub' id={`sub-${code}-${sub}`}>
                <View className='tax-admin__sub-head'>
                  <Input id={`sub-${code}-${sub}-label`} className='a-input tax-admin__sub-label' value={s.label} maxlength={20} onInput={(e) => setSub(code, sub, { label: e.detail.value })} />
                  <Text className='a-muted tax-admin__code'>{sub}</Text>
                </View>
                {doc.fields[`${base}.label`] && <Text className='a-error'>{doc.fields[`${base}.label`]}</Text>}
                <Textarea id={`sub-${code}-${sub}-template`} className='a-textarea' value={s.replyTemplate} maxlength={300} autoHeight onInput={(e) => setSub(code, sub, { replyTemplate: e.detail.value })} />
                {doc.fields[`${base}.replyTemplate`] && <Text className='a-error'>{doc.fields[`${base}.replyTemplate`]}</Text>}
              </View>
            );
          })}
        </View>
      ))}
      <View className='k-card tax-admin__save'>
        <ConfigSaveBar doc={doc} id='taxonomy' />
      </View>
      {doc.remote.state.status === 'ok' && <AuditHistory items={doc.remote.state.data.history} />}
    </View>
  );
}

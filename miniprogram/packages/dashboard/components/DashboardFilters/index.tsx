import { Picker, Text, View } from '@tarojs/components';
import { DEPARTMENT_LABELS, DEPARTMENTS, type DepartmentCode } from '@shared/auth/roles';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '@shared/complaint/model';
import { useState } from 'react';
import { ChoiceChips } from '../../../../components/ChoiceChips';
import './index.scss';

export interface DashboardQuery {
  from: string;
  to: string;
  department?: DepartmentCode;
  category?: Category;
  productId?: string;
  storeId?: string;
  region?: string;
  tier?: 'regular' | 'vip';
}

/** What the pickers offer: the products, stores and regions the range holds (from the last answer). */
export interface DashboardPickOptions {
  products: Array<{ id: string; name: string }>;
  stores: Array<{ id: string; name: string }>;
  regions: string[];
}

const TIER_OPTIONS = [
  { value: 'vip' as const, label: 'VIP 顾客' },
  { value: 'regular' as const, label: '普通顾客' },
];

export interface DashboardFiltersProps {
  query: DashboardQuery;
  /** Managers and admins choose a department; heads are fixed to theirs. */
  canPickDepartment: boolean;
  presets: Array<{ days: number; from: string }>;
  /** Product, store and region choices; without them those pickers are hidden. */
  pick?: DashboardPickOptions;
  onChange: (next: DashboardQuery) => void;
}

/**
 * The pickers' own bounds: the server allows up to 366 days, and a short list of years keeps the browser build's
 * picker (which draws every year, month and day up front) quick to open the page with.
 */
const earliest = (to: string) => `${Number(to.slice(0, 4)) - 1}-01-01`;
const latest = (to: string) => `${Number(to.slice(0, 4)) + 1}-12-31`;

/** Date range (presets or two dates), department and category: the dashboard and the export read the same query. */
export function DashboardFilters({ query, canPickDepartment, presets, pick, onChange }: DashboardFiltersProps) {
  const preset = presets.find((p) => p.from === query.from)?.days;
  // The date pickers mount on demand: the browser build's picker is a heavy component to draw up front.
  const [custom, setCustom] = useState(false);
  return (
    <View className='k-dfilters' id='dashboard-filters'>
      <View className='k-dfilters__range'>
        <ChoiceChips
          id='range-presets'
          ariaLabel='时间范围'
          allowDeselect={false}
          options={presets.map((p) => ({ value: String(p.days), label: `近 ${p.days} 天` }))}
          value={preset ? String(preset) : undefined}
          onChange={(v) => {
            const p = presets.find((x) => String(x.days) === v);
            if (p) onChange({ ...query, from: p.from });
          }}
        />
        {custom ? (
          <View className='k-dfilters__dates'>
            <Picker mode='date' value={query.from} start={earliest(query.to)} end={query.to} onChange={(e) => onChange({ ...query, from: String(e.detail.value) })}>
              <Text className='k-dfilters__date' id='range-from'>
                {query.from}
              </Text>
            </Picker>
            <Text>至</Text>
            <Picker mode='date' value={query.to} start={query.from} end={latest(query.to)} onChange={(e) => onChange({ ...query, to: String(e.detail.value) })}>
              <Text className='k-dfilters__date' id='range-to'>
                {query.to}
              </Text>
            </Picker>
          </View>
        ) : (
          <View className='k-dfilters__dates' id='range-custom' role='button' onClick={() => setCustom(true)}>
            <Text className='k-dfilters__date'>
              {query.from} 至 {query.to}
            </Text>
            <Text className='k-dfilters__edit'>自定义</Text>
          </View>
        )}
      </View>
      {canPickDepartment && (
        <ChoiceChips
          id='filter-department'
          ariaLabel='部门'
          options={DEPARTMENTS.map((d) => ({ value: d, label: DEPARTMENT_LABELS[d] }))}
          value={query.department}
          onChange={(department) => onChange({ ...query, department })}
        />
      )}
      <ChoiceChips id='filter-category' ariaLabel='类别' options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} value={query.category} onChange={(category) => onChange({ ...query, category })} />
      <ChoiceChips id='filter-tier' ariaLabel='顾客等级' options={TIER_OPTIONS} value={query.tier} onChange={(tier) => onChange({ ...query, tier })} />
      {pick && (
        <View className='k-dfilters__pickers'>
          <ListPicker id='filter-product' label='商品' items={pick.products} value={query.productId} onChange={(productId) => onChange({ ...query, productId })} />
          <ListPicker id='filter-store' label='门店' items={pick.stores} value={query.storeId} onChange={(storeId) => onChange({ ...query, storeId })} />
          <ListPicker id='filter-region' label='片区' items={pick.regions.map((r) => ({ id: r, name: r }))} value={query.region} onChange={(region) => onChange({ ...query, region })} />
        </View>
      )}
    </View>
  );
}

export default DashboardFilters;

/** One optional choice from a list that may be long (stores): a native picker with 全部 first. */
function ListPicker({ id, label, items, value, onChange }: { id: string; label: string; items: Array<{ id: string; name: string }>; value?: string; onChange: (value: string | undefined) => void }) {
  // A value picked earlier stays listed even when the current range no longer holds it.
  const list = value && !items.some((i) => i.id === value) ? [...items, { id: value, name: value }] : items;
  const names = [`全部${label}`, ...list.map((i) => i.name)];
  const index = value ? list.findIndex((i) => i.id === value) + 1 : 0;
  return (
    <Picker mode='selector' range={names} value={index} onChange={(e) => onChange(Number(e.detail.value) > 0 ? list[Number(e.detail.value) - 1].id : undefined)}>
      <View className={`k-dfilters__pick${value ? ' k-dfilters__pick--on' : ''}`} id={id} data-value={value ?? ''}>
        <Text>{names[index] ?? names[0]}</Text>
        <Text className='k-dfilters__caret'>▾</Text>
      </View>
    </Picker>
  );
}

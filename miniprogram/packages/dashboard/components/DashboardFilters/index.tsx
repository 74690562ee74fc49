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
}

export interface DashboardFiltersProps {
  query: DashboardQuery;
  /** Managers and admins choose a department; heads are fixed to theirs. */
  canPickDepartment: boolean;
  presets: Array<{ days: number; from: string }>;
  onChange: (next: DashboardQuery) => void;
}

/**
 * The pickers' own bounds: the server allows up to 366 days, and a short list of years keeps the browser build's
 * picker (which draws every year, month and day up front) quick to open the page with.
 */
const earliest = (to: string) => `${Number(to.slice(0, 4)) - 1}-01-01`;
const latest = (to: string) => `${Number(to.slice(0, 4)) + 1}-12-31`;

/** Date range (presets or two dates), department and category: the dashboard and the export read the same query. */
export function DashboardFilters({ query, canPickDepartment, presets, onChange }: DashboardFiltersProps) {
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
    </View>
  );
}

export default DashboardFilters;

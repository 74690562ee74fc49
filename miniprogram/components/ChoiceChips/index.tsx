import { Text, View } from '@tarojs/components';
import './index.scss';

export interface ChoiceOption<V extends string> {
  value: V;
  label: string;
  /** A class the caller styles with its own picture (e.g. `k-topic-icon--quality`). */
  iconClass?: string;
}

export interface ChoiceChipsProps<V extends string> {
  options: readonly ChoiceOption<V>[];
  value?: V;
  onChange: (value: V | undefined) => void;
  /** Tapping the chosen chip again clears the choice (for optional fields). */
  allowDeselect: boolean;
  /** `icon`: a grid of tiles with pictures; `pill`: a wrapping row of pills. */
  variant: 'icon' | 'pill';
  ariaLabel: string;
  id?: string;
  className: string;
}

/** A single choice as tappable chips (a radio group to screen readers). */
export function ChoiceChips<V extends string>(props: Partial<ChoiceChipsProps<V>> & Pick<ChoiceChipsProps<V>, 'options' | 'onChange'>) {
  const { options, value, onChange, allowDeselect = true, variant = 'pill', ariaLabel = '', id, className = '' } = props;
  return (
    <View id={id} className={`k-chips k-chips--${variant} ${className}`} role='radiogroup' aria-label={ariaLabel}>
      {options.map((option) => {
        const selected = option.value === value;
        return (
          <View
            key={option.value}
            className={`k-chip${selected ? ' k-chip--on' : ''}`}
            role='radio'
            aria-checked={selected}
            aria-label={option.label}
            data-value={option.value}
            hoverClass='k-chip--pressed'
            onClick={() => onChange(selected ? (allowDeselect ? undefined : option.value) : option.value)}
          >
            {option.iconClass && <View className={`k-chip__icon ${option.iconClass}`} aria-hidden />}
            <Text className='k-chip__label'>{option.label}</Text>
          </View>
        );
      })}
    </View>
  );
}

export default ChoiceChips;

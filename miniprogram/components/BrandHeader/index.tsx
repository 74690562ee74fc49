import { Text, View } from '@tarojs/components';
import { BRAND } from '../../constants/brand';
import './index.scss';

export interface BrandHeaderProps {
  /** Big line under the brand name. */
  title: string;
  subtitle?: string;
  className: string;
}

const defaultProps: BrandHeaderProps = { title: BRAND.serviceTitle, className: '' };

/** The chilli-red brand band at the top of customer pages. */
export function BrandHeader(props: Partial<BrandHeaderProps>) {
  const { title, subtitle, className } = { ...defaultProps, ...props };
  return (
    <View className={`k-brand ${className}`} id='brand-header'>
      <View className='k-brand__row'>
        <View className='k-brand__seal' aria-hidden>
          <Text>蜀</Text>
        </View>
        <View className='k-brand__names'>
          <Text className='k-brand__name'>{BRAND.name}</Text>
          <Text className='k-brand__tagline'>{BRAND.tagline}</Text>
        </View>
      </View>
      <View className='k-brand__title' role='heading' aria-level={1}>
        {title}
      </View>
      {subtitle && <Text className='k-brand__subtitle'>{subtitle}</Text>}
    </View>
  );
}

export default BrandHeader;

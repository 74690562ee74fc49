import { Text, View } from '@tarojs/components';
import { SERVICE_PROMISES, type ServicePromise } from '../../../../constants/promises';
import './index.scss';

export interface ServicePromisesProps {
  promises: readonly ServicePromise[];
  title: string;
  className: string;
}

const defaultProps: ServicePromisesProps = { promises: SERVICE_PROMISES, title: '我们的服务承诺', className: '' };

/** What we promise, in the customer's words (constants/promises.ts). */
export function ServicePromises(props: Partial<ServicePromisesProps>) {
  const { promises, title, className } = { ...defaultProps, ...props };
  return (
    <View className={`k-card k-promises ${className}`} id='service-promises' aria-label={title}>
      <Text className='k-section-title'>{title}</Text>
      {promises.map((promise, i) => (
        <View key={promise.key} className='k-promises__item'>
          <View className='k-promises__badge' aria-hidden>
            {i + 1}
          </View>
          <View className='k-promises__body'>
            <Text className='k-promises__title'>{promise.title}</Text>
            <Text className='k-promises__detail'>{promise.detail}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

export default ServicePromises;

import { Text, View } from '@tarojs/components';
import { PROCESS_STEPS, type ProcessStep } from '../../../../constants/promises';
import './index.scss';

export interface ProcessStepsProps {
  steps: readonly ProcessStep[];
  title: string;
  className: string;
}

const defaultProps: ProcessStepsProps = { steps: PROCESS_STEPS, title: '处理流程', className: '' };

/** How a complaint travels: 提交 → 受理 → 处理 → 确认 → 评价. */
export function ProcessSteps(props: Partial<ProcessStepsProps>) {
  const { steps, title, className } = { ...defaultProps, ...props };
  return (
    <View className={`k-card k-steps ${className}`} id='process-steps' aria-label={title}>
      <Text className='k-section-title'>{title}</Text>
      {steps.map((step, i) => (
        <View key={step.key} className='k-steps__item'>
          <View className='k-steps__rail' aria-hidden>
            <View className='k-steps__dot'>{i + 1}</View>
            {i < steps.length - 1 && <View className='k-steps__line' />}
          </View>
          <View className='k-steps__body'>
            <Text className='k-steps__title'>{step.title}</Text>
            <Text className='k-steps__detail'>{step.detail}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

export default ProcessSteps;

import { ChoiceChips } from '../../../../components/ChoiceChips';
import { useI18n, type MessageKey } from '../../../../i18n';
import { TOPICS, type Topic } from '../../../../utils/draft';
import './index.scss';

export interface TopicPickerProps {
  value?: Topic;
  onChange: (topic: Topic | undefined) => void;
}

/** 产品质量 / 配送问题 / 服务投诉 / 价格或促销 / 其他, with a picture each. Optional: the system classifies anyway. */
export function TopicPicker({ value, onChange }: TopicPickerProps) {
  const { t } = useI18n();
  const options = TOPICS.map((topic) => ({ value: topic, label: t(`topic.${topic}` as MessageKey), iconClass: `k-topic-icon--${topic}` }));
  return <ChoiceChips id='topic-chips' variant='icon' options={options} value={value} onChange={onChange} ariaLabel={t('form.topic.label')} />;
}

export default TopicPicker;

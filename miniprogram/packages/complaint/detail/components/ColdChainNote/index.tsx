import { Text, View } from '@tarojs/components';
import { useI18n } from '../../../../../i18n';
import './index.scss';

export interface ColdChainNoteProps {
  /** The paragraph `complaint.get` writes for cold-chain complaints (what the shipment's temperature log shows). */
  summary?: string;
}

/** 运输温度记录: for a cold-chain complaint, what the temperature log of the order's shipment shows, in one paragraph. */
export function ColdChainNote({ summary }: ColdChainNoteProps) {
  const { t } = useI18n();
  if (!summary) return null;
  return (
    <View className='k-card k-coldnote' id='detail-coldchain'>
      <Text className='k-section-title'>{t('detail.coldChain')}</Text>
      <Text className='k-coldnote__text'>{summary}</Text>
    </View>
  );
}

export default ColdChainNote;

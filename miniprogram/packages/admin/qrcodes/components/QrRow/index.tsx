import { Text, View } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { QrCodeItem } from '@shared/api/functions/admin';
import './index.scss';

export interface QrRowProps {
  item: QrCodeItem;
  /** Only admins may generate (admin.generateQrCode). */
  canGenerate: boolean;
  generating: boolean;
  /** Chinese message of the last failed attempt for this row. */
  error?: string;
  onGenerate: (item: QrCodeItem) => void;
}

export function QrRow({ item, canGenerate, generating, error, onGenerate }: QrRowProps) {
  return (
    <View className='k-qr-row' data-scene={item.scene} aria-label={item.label}>
      <View className='k-qr-row__body'>
        <Text className='k-qr-row__label'>{item.label}</Text>
        <Text className='k-qr-row__scene k-mono'>{item.scene}</Text>
        {item.fileId && <Text className='k-qr-row__done'>已生成</Text>}
        {error && (
          <View className='k-qr-row__error' role='alert'>
            {error}
          </View>
        )}
      </View>
      <Button
        className='k-qr-row__button'
        size='small'
        type='primary'
        fill={item.fileId ? 'outline' : 'solid'}
        loading={generating}
        disabled={!canGenerate || generating}
        aria-label={`生成 ${item.label} 的二维码`}
        onClick={() => onGenerate(item)}
      >
        生成
      </Button>
    </View>
  );
}

export default QrRow;

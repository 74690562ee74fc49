import { Image, Text, View } from '@tarojs/components';
import Popup from '@nutui/nutui-react-taro/dist/es/packages/popup';
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css';
import type { GeneratedQrCode } from '@shared/api/functions/admin';
import './index.scss';

export interface QrPreviewProps {
  code?: GeneratedQrCode;
  label?: string;
  onClose: () => void;
}

/** The generated mini-program code, with the scene and page it encodes. */
export function QrPreview({ code, label, onClose }: QrPreviewProps) {
  return (
    <Popup visible={!!code} position='bottom' round closeable title='小程序码已生成' onClose={onClose}>
      {code && (
        <View className='k-qr-preview' id='qr-preview'>
          {label && <Text className='k-qr-preview__label'>{label}</Text>}
          <Image className='k-qr-preview__image' src={code.url} mode='aspectFit' showMenuByLongpress ariaLabel={`${label ?? code.scene} 的小程序码`} />
          <View className='k-qr-preview__facts'>
            <Text className='k-qr-preview__fact'>
              场景值 <Text className='k-mono'>{code.scene}</Text>
            </Text>
            <Text className='k-qr-preview__fact'>
              打开页面 <Text className='k-mono'>{code.page}</Text>
            </Text>
            <Text className='k-qr-preview__fact'>图片大小 {(code.bytes / 1024).toFixed(1)} KB</Text>
          </View>
        </View>
      )}
    </Popup>
  );
}

export default QrPreview;

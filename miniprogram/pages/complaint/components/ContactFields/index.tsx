import { Input, Text, View } from '@tarojs/components';
import { FormField } from '../../../../components/FormField';
import { useI18n } from '../../../../i18n';
import { RecentOrders } from '../RecentOrders';
import './index.scss';

export interface ContactFieldsProps {
  phone: string;
  orderNo: string;
  phoneError?: string;
  orderError?: string;
  /** The order came with the link (opened from an order): shown, not typed. */
  orderFromLink: boolean;
  onPhone: (value: string) => void;
  onPhoneBlur: () => void;
  onOrderNo: (value: string) => void;
  /** The complaint reads like a taste dispute (the picked order's 麻辣度 is put forward). */
  tasteFocus?: boolean;
}

/** The phone is keyboard-friendly: digits in WeChat, `tel` in the browser (spaces and +86 are accepted and cleaned). */
const PHONE_TYPE = (process.env.TARO_ENV === 'h5' ? 'tel' : 'number') as 'number';

/** Contact phone (required, checked as a mainland mobile) and the order number (optional). */
export function ContactFields(props: ContactFieldsProps) {
  const { phone, orderNo, phoneError, orderError, orderFromLink, onPhone, onPhoneBlur, onOrderNo, tasteFocus } = props;
  const { t } = useI18n();
  return (
    <>
      <FormField id='contactPhone' label={t('form.phone.label')} tag={t('form.required')} required error={phoneError} hint={t('form.phone.hint')}>
        <View className={`k-input${phoneError ? ' k-input--error' : ''}`}>
          <Text className='k-input__prefix' aria-hidden>
            +86
          </Text>
          <Input
            id='contactPhone'
            className='k-input__control'
            type={PHONE_TYPE}
            maxlength={16}
            value={phone}
            placeholder={t('form.phone.placeholder')}
            placeholderClass='k-input__placeholder'
            aria-label={t('form.phone.label')}
            // Browser build: the label has to reach the native <input> inside Taro's element.
            nativeProps={{ 'aria-label': t('form.phone.label') }}
            onInput={(e) => onPhone(e.detail.value)}
            onBlur={onPhoneBlur}
          />
        </View>
      </FormField>
      <FormField id='orderNo' label={t('form.order.label')} tag={t('form.optional')} error={orderError} hint={orderFromLink ? t('form.order.fromLink') : t('form.order.hint')}>
        <View className={`k-input${orderError ? ' k-input--error' : ''}`}>
          <Input
            id='orderNo'
            className='k-input__control k-mono'
            type='text'
            maxlength={40}
            value={orderNo}
            disabled={orderFromLink}
            placeholder={t('form.order.placeholder')}
            placeholderClass='k-input__placeholder'
            aria-label={t('form.order.label')}
            nativeProps={{ 'aria-label': t('form.order.label') }}
            onInput={(e) => onOrderNo(e.detail.value)}
          />
        </View>
        {!orderFromLink && <RecentOrders selected={orderNo} onPick={onOrderNo} tasteFocus={tasteFocus} />}
      </FormField>
    </>
  );
}

export default ContactFields;

import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ActionButton } from '../../../../components/ActionButton';
import { Countdown } from '../../../../components/Countdown';
import { useI18n } from '../../../../i18n';
import { categoryLabel, dueWhen } from '../../../../i18n/format';
import type { Receipt as ReceiptData } from '../../hooks/useComplaintForm';
import './index.scss';

export interface ReceiptProps {
  receipt: ReceiptData;
  onOpenDetail: () => void;
  onStartOver: () => void;
}

/**
 * Right after submit: the ticket number to keep, what we understood, and the promise as a sentence with a
 * live countdown. Times count from the server's own clock (createdAt), so a phone set wrong does not matter.
 */
export function Receipt({ receipt, onOpenDetail, onStartOver }: ReceiptProps) {
  const { t } = useI18n();
  const serverNow = receipt.replayed ? receipt.receivedAt : Date.parse(receipt.createdAt);
  const dueMs = receipt.receivedAt + (Date.parse(receipt.firstResponseDueAt) - serverNow);
  const when = dueWhen(t, receipt.firstResponseDueAt, serverNow);

  const copy = () => {
    Taro.setClipboardData({ data: receipt.ticketNo })
      .then(() => Taro.showToast({ title: t('receipt.copied'), icon: 'success' }))
      .catch(() => undefined);
  };

  const steps = [t('receipt.next.contact'), t('receipt.next.handle'), t('receipt.next.confirm'), t('receipt.next.rate')];

  return (
    <View className='k-receipt' id='receipt' role='status' aria-live='polite'>
      <View className='k-card k-receipt__main'>
        <View className='k-receipt__tick' aria-hidden />
        <View className='k-receipt__title' role='heading' aria-level={2}>
          {t('receipt.title')}
        </View>
        <View className='k-receipt__ticket'>
          <Text className='k-receipt__ticket-label'>{t('receipt.ticketNo')}</Text>
          <Text id='receipt-ticket-no' className='k-receipt__ticket-no k-mono' userSelect>
            {receipt.ticketNo}
          </Text>
          <View id='receipt-copy' className='k-receipt__copy' role='button' aria-label={t('receipt.copyAria', { no: receipt.ticketNo })} onClick={copy}>
            <Text>{t('receipt.copy')}</Text>
          </View>
        </View>

        <View className='k-receipt__promise'>
          <Text id='receipt-promise' className='k-receipt__sentence'>
            {t('receipt.promise', { when })}
          </Text>
          <Countdown id='receipt-countdown' className='k-receipt__countdown' dueMs={dueMs} format='clock' />
        </View>

        <View className='k-receipt__facts'>
          <View className='k-receipt__fact'>
            <Text className='k-receipt__fact-label'>{t('receipt.understood')}</Text>
            <Text id='receipt-category' className='k-receipt__fact-value'>
              {categoryLabel(t, receipt.category)} · {receipt.subcategoryLabel}
            </Text>
          </View>
          <View className='k-receipt__fact'>
            <Text className='k-receipt__fact-label'>{t('receipt.handledBy')}</Text>
            <Text className='k-receipt__fact-value'>{receipt.departmentLabel}</Text>
          </View>
        </View>
        {receipt.foodSafety && (
          <View id='receipt-food-safety' className='k-receipt__urgent' role='note'>
            {t('receipt.foodSafety')}
          </View>
        )}
        {receipt.replayed && <Text className='k-receipt__replayed'>{t('receipt.replayed')}</Text>}
      </View>

      <View className='k-card k-receipt__next'>
        <Text className='k-section-title'>{t('receipt.next.title')}</Text>
        {steps.map((step, i) => (
          <View key={step} className='k-receipt__step'>
            <Text className='k-receipt__step-no' aria-hidden>
              {i + 1}
            </Text>
            <Text className='k-receipt__step-text'>{step}</Text>
          </View>
        ))}
      </View>

      <View className='k-receipt__actions'>
        <ActionButton id='receipt-detail' className='k-receipt__action' onClick={onOpenDetail}>
          {t('receipt.viewDetail')}
        </ActionButton>
        <ActionButton id='receipt-again' className='k-receipt__action' type='outline' onClick={onStartOver}>
          {t('receipt.another')}
        </ActionButton>
      </View>
    </View>
  );
}

export default Receipt;

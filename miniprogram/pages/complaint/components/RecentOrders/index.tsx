import type { MyOrderItem } from '@shared/api/functions/complaint';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { call } from '../../../../api';
import { SpiceMeter } from '../../../../components/SpiceMeter';
import { useI18n, type MessageKey } from '../../../../i18n';
import './index.scss';

export interface RecentOrdersProps {
  /** The order number in the field, to mark the chosen one. */
  selected: string;
  onPick: (orderNo: string) => void;
  /** How many recent orders to offer. */
  limit?: number;
  /** The complaint looks like a taste dispute: the picked order's 麻辣度 reference is put forward. */
  tasteFocus?: boolean;
}

const shortDate = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/**
 * The customer's recent orders as one-tap choices under the order field (complaint.listMyOrders), so nobody has
 * to copy an order number. Shows nothing while loading, on failure, or when there are no orders: typing still works.
 */
export function RecentOrders({ selected, onPick, limit = 4, tasteFocus = false }: RecentOrdersProps) {
  const { t } = useI18n();
  const [orders, setOrders] = useState<MyOrderItem[]>([]);
  useEffect(() => {
    let live = true;
    void call('complaint', 'listMyOrders', { limit }).then((res) => {
      if (live && res.ok) setOrders(res.data.items);
    });
    return () => {
      live = false;
    };
  }, [limit]);
  if (!orders.length) return null;
  const picked = orders.find((o) => o.orderNo === selected.trim());
  const spicy = picked?.lines.filter((l) => l.spiceLevel) ?? [];
  const levelNames = [1, 2, 3, 4, 5].map((n) => t(`spice.${n}` as MessageKey));
  return (
    <View className='k-recent-orders' aria-label={t('form.order.recent')}>
      <Text className='k-recent-orders__title'>{t('form.order.recent')}</Text>
      {orders.map((o) => {
        const active = o.orderNo === selected.trim();
        const names = o.lines.map((l) => `${l.name}×${l.qty}`).join('、');
        return (
          <View
            key={o.orderNo}
            className={`k-recent-orders__row${active ? ' k-recent-orders__row--active' : ''}`}
            data-order-no={o.orderNo}
            role='button'
            aria-pressed={active}
            onClick={() => onPick(active ? '' : o.orderNo)}
          >
            <View className='k-recent-orders__main'>
              <Text className='k-recent-orders__names'>{names}</Text>
              <Text className='k-recent-orders__meta'>
                {shortDate(o.paidAt)} · {o.orderNo}
              </Text>
            </View>
            <Text className='k-recent-orders__mark'>{active ? t('form.order.picked') : t('form.order.pick')}</Text>
          </View>
        );
      })}
      {spicy.length > 0 && (
        <View className={`k-recent-orders__spice${tasteFocus ? ' k-recent-orders__spice--focus' : ''}`} id='order-spice' aria-label={t('spice.reference')}>
          <Text className='k-recent-orders__spice-title'>{tasteFocus ? t('spice.tasteHint') : t('spice.reference')}</Text>
          {spicy.map((l) => (
            <View key={l.productId} className='k-recent-orders__spice-item'>
              <Text className='k-recent-orders__spice-name'>{l.name}</Text>
              <SpiceMeter level={l.spiceLevel} note={l.spiceNote} label={t('spice.label')} levelNames={levelNames} />
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

export default RecentOrders;

import type { MyOrderItem } from '@shared/api/functions/complaint';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { call } from '../../../../api';
import { useI18n } from '../../../../i18n';
import './index.scss';

export interface RecentOrdersProps {
  /** The order number in the field, to mark the chosen one. */
  selected: string;
  onPick: (orderNo: string) => void;
  /** How many recent orders to offer. */
  limit?: number;
}

const shortDate = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/**
 * The customer's recent orders as one-tap choices under the order field (complaint.listMyOrders), so nobody has
 * to copy an order number. Shows nothing while loading, on failure, or when there are no orders: typing still works.
 */
export function RecentOrders({ selected, onPick, limit = 4 }: RecentOrdersProps) {
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
    </View>
  );
}

export default RecentOrders;

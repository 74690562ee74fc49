import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useSession } from '../../../session';
import { complaintIdFrom } from '../../../utils/routes';
import { TicketPanel } from '../components/TicketPanel';
import '../staff.scss';
import './index.scss';

/** 工单 (phone layout): the ticket screen on its own page, opened from the inbox or the 工作台's urgent list. */
export default function TicketPage() {
  const { params } = useRouter();
  const session = useSession();
  return (
    <View className='k-page k-page--plain ticket-page' id='ticket-page'>
      <TicketPanel complaintId={complaintIdFrom(params)} epoch={session.epoch} />
    </View>
  );
}

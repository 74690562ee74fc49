import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { InboxItem, StaffProfile } from '@shared/api/functions/ticket';
import type { StaffRole } from '@shared/auth/roles';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../api';
import { ActionButton } from '../../components/ActionButton';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingSkeleton } from '../../components/LoadingSkeleton';
import { useRemote } from '../../hooks/useRemote';
import { loadSession, useSession } from '../../session';
import { useTabPage } from '../../tabbar/store';
import { setWorkbenchBadge } from '../../utils/badge';
import { dashboardKey, defaultDashboardRange, prefetch } from '../../utils/prefetch';
import { ADMIN_PAGES, ARCHIVE_PAGE, BIND_PAGE_URL, DASHBOARD_PAGE, INCIDENTS_PAGE, INTAKE_PAGE, inboxUrl, ticketUrl } from '../../utils/staff-routes';
import { Connectivity } from './components/Connectivity';
import { DutySwitch } from './components/DutySwitch';
import { NameCard } from './components/NameCard';
import { QueueSummary } from './components/QueueSummary';
import { ToolEntry } from './components/ToolEntry';
import './index.scss';

const LEADS = new Set(['head', 'manager', 'admin']);
const go = (url: string) => void Taro.navigateTo({ url });

interface Tool {
  id: string;
  title: string;
  description: string;
  url: string;
  roles: StaffRole[];
}

/** Every staff tool and who sees it; the functions check roles again, this only keeps the list honest. */
const TOOLS: Tool[] = [
  { id: 'tool-inbox', title: '工单列表', description: '按紧急程度和剩余时间排序，可筛选', url: inboxUrl(), roles: ['agent', 'head', 'manager', 'admin'] },
  { id: 'tool-intake', title: '电话录入', description: '400 热线来电，代顾客登记投诉', url: INTAKE_PAGE, roles: ['agent', 'head', 'manager', 'admin'] },
  { id: 'tool-incidents', title: '批次异常', description: '同一批次投诉激增时自动立案的质检事件', url: INCIDENTS_PAGE, roles: ['head', 'manager', 'admin'] },
  { id: 'tool-archive', title: '案例库', description: '优秀处理案例与经验，可按类别和关键词查找', url: ARCHIVE_PAGE, roles: ['agent', 'head', 'manager', 'admin'] },
  { id: 'tool-dashboard', title: '数据看板', description: '投诉趋势、时效达成、满意度与预警；导出明细', url: DASHBOARD_PAGE, roles: ['head', 'manager', 'admin'] },
  { id: 'tool-staff', title: '员工与邀请码', description: '邀请新员工、角色与部门、在岗与停用', url: ADMIN_PAGES.staff, roles: ['admin'] },
  { id: 'tool-sla', title: '时效与节假日', description: '各级时限、营业时间、节假日模式', url: ADMIN_PAGES.sla, roles: ['admin'] },
  { id: 'tool-compensation', title: '补偿规则与审批', description: '延误与冷链补偿、审批权限', url: ADMIN_PAGES.compensation, roles: ['admin'] },
  { id: 'tool-departments', title: '部门设置', description: '负责主管、群机器人、说明', url: ADMIN_PAGES.departments, roles: ['admin'] },
  { id: 'tool-taxonomy', title: '分类与回复模板', description: '类别名称、负责部门、首条回复模板', url: ADMIN_PAGES.taxonomy, roles: ['admin'] },
  { id: 'tool-rules', title: '处理规则', description: '紧急程度、超时升级、自动关闭与流失预警', url: ADMIN_PAGES.rules, roles: ['admin'] },
  { id: 'tool-faq', title: '常见问题', description: '顾客填表时看到的解答', url: ADMIN_PAGES.faq, roles: ['admin'] },
  { id: 'tool-spice', title: '麻辣度参考库', description: '每个商品的麻辣度与通俗说明', url: ADMIN_PAGES.spice, roles: ['admin'] },
  { id: 'tool-qrcodes', title: '二维码管理', description: '包装批次与门店的小程序码', url: ADMIN_PAGES.qrcodes, roles: ['head', 'manager', 'admin'] },
  { id: 'tool-health', title: '系统健康', description: '密钥、配置、通知模板、定时任务是否正常', url: ADMIN_PAGES.health, roles: ['admin'] },
  { id: 'tool-logistics', title: '物流数据导入', description: '订单、运单与温度读数（CSV / JSON）', url: ADMIN_PAGES.logistics, roles: ['admin'] },
];

/** 工作台 — staff only: who I am and whether I take new tickets, my queue with the most urgent tickets, my tools. */
export default function WorkbenchPage() {
  useTabPage('workbench');
  const snapshot = useSession();
  const { state } = snapshot;
  const isStaff = state.status === 'ready' && state.session.isStaff;
  const queue = useRemote(() => call('ticket', 'inbox', { limit: 3 }), [snapshot.epoch], isStaff);
  const [profile, setProfile] = useState<StaffProfile>();
  const [duty, setDuty] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const shownOnce = useRef(false);

  useEffect(() => {
    if (!isStaff) return void setWorkbenchBadge(undefined);
    let live = true;
    void call('ticket', 'profile', {}).then((res) => live && res.ok && setProfile(res.data));
    return () => {
      live = false;
    };
  }, [isStaff, snapshot.epoch]);

  useEffect(() => {
    if (queue.state.status === 'ok') setWorkbenchBadge(queue.state.data.counts.mine);
  }, [queue.state]);

  useDidShow(() => {
    void loadSession();
    // Back from a ticket: counts and the urgent list changed.
    if (shownOnce.current && isStaff) void queue.refresh();
    shownOnce.current = true;
  });
  usePullDownRefresh(async () => {
    await queue.refresh();
    Taro.stopPullDownRefresh();
  });

  const open = (tool: Tool) => {
    // The dashboard's one heavy read starts now, while its subpackage downloads.
    if (tool.url === DASHBOARD_PAGE) {
      const range = defaultDashboardRange();
      prefetch(dashboardKey(range), () => call('stats', 'overview', range));
    }
    go(tool.url);
  };

  const toggleDuty = async (onDuty: boolean) => {
    setDuty({ busy: true });
    const res = await call('ticket', 'setOnDuty', { onDuty });
    if (res.ok) setProfile(res.data);
    setDuty({ busy: false, error: res.ok ? undefined : res.error.message });
  };

  let body;
  if (state.status === 'loading') {
    body = <LoadingSkeleton cards={2} lines={2} label='正在确认身份' />;
  } else if (state.status === 'error') {
    body = <ErrorState title='无法确认您的身份' error={state.error} onRetry={() => void loadSession(true)} />;
  } else if (!state.session.isStaff) {
    // Customers do not see this tab, but may still arrive here (an old link, a shared page, a new colleague).
    body = (
      <EmptyState
        title='工作台仅供员工使用'
        description='这里是公司员工处理投诉的地方。您的投诉进度可以在「我的投诉」中查看。新同事请用管理员发给您的邀请码绑定。'
        action={
          <View className='workbench-page__guest'>
            <ActionButton size='small' onClick={() => void Taro.switchTab({ url: '/pages/mine/index' })}>
              查看我的投诉
            </ActionButton>
            <ActionButton id='workbench-bind' type='outline' size='small' onClick={() => go(BIND_PAGE_URL)}>
              我有员工邀请码
            </ActionButton>
          </View>
        }
      />
    );
  } else {
    const { session } = state;
    const role = session.kind as StaffRole;
    body = (
      <>
        <NameCard session={session} />
        <DutySwitch onDuty={profile?.onDuty} busy={duty.busy} error={duty.error} onChange={(v) => void toggleDuty(v)} />
        {queue.state.status === 'loading' && <LoadingSkeleton cards={1} lines={3} label='正在加载待办工单' />}
        {queue.state.status === 'error' && <ErrorState title='待办工单加载失败' error={queue.state.error} onRetry={() => void queue.reload()} />}
        {queue.state.status === 'ok' && (
          <QueueSummary role={role} counts={queue.state.data.counts} items={queue.state.data.items} onView={(view) => go(inboxUrl(view))} onTicket={(item: InboxItem) => go(ticketUrl(item.complaintId))} />
        )}
        <View className='k-card'>
          <Text className='k-section-title'>{LEADS.has(role) ? '工具与管理' : '工具'}</Text>
          {TOOLS.filter((tool) => tool.roles.includes(role)).map((tool) => (
            <ToolEntry key={tool.id} id={tool.id} title={tool.title} description={tool.description} onOpen={() => open(tool)} />
          ))}
        </View>
        <Connectivity epoch={snapshot.epoch} />
      </>
    );
  }

  return (
    <View className='k-page workbench-page' id='workbench-page'>
      {body}
    </View>
  );
}

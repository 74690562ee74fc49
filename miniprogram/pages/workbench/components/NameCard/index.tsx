import { Text, View } from '@tarojs/components';
import type { SessionOutput } from '@shared/api/functions/complaint';
import { DEPARTMENT_LABELS, ROLE_LABELS, type Role } from '@shared/auth/roles';
import './index.scss';

export interface NameCardProps {
  session: SessionOutput;
}

/** The staff member's own card: name, role and department, as the functions see them. */
export function NameCard({ session }: NameCardProps) {
  const role = session.kind === 'system' ? '系统' : ROLE_LABELS[session.kind as Role];
  const department = session.department ? DEPARTMENT_LABELS[session.department] : '全公司';
  const name = session.name ?? '未命名员工';
  return (
    <View className='k-name-card' id='workbench-name-card' aria-label={`${name}，${role}，${department}`}>
      <View className='k-name-card__avatar' aria-hidden>
        {name.slice(0, 1)}
      </View>
      <View className='k-name-card__body'>
        <Text className='k-name-card__name' id='workbench-name'>
          {name}
        </Text>
        <View className='k-name-card__tags'>
          <Text className='k-name-card__tag' id='workbench-role'>
            {role}
          </Text>
          <Text className='k-name-card__tag k-name-card__tag--dept' id='workbench-department'>
            {department}
          </Text>
        </View>
      </View>
    </View>
  );
}

export default NameCard;

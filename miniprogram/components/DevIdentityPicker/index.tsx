import { Text, View } from '@tarojs/components';
import Popup from '@nutui/nutui-react-taro/dist/es/packages/popup';
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css';
import { DEPARTMENT_LABELS, ROLE_LABELS } from '@shared/auth/roles';
import { DEMO_IDENTITIES, type DemoIdentity } from '@shared/demo/identities';
import { useEffect, useState } from 'react';
import { currentDevOpenid, findDemoIdentity, onDevOpenidChange, setDevOpenid } from '../../dev-identity/store';
import './index.scss';

export interface DemoIdentityPickerProps {
  /** Sit above the tab bar (tab pages) instead of the bottom edge. */
  raised: boolean;
  identities: readonly DemoIdentity[];
}

const defaultProps: DemoIdentityPickerProps = { raised: true, identities: DEMO_IDENTITIES };

const roleLine = (identity: DemoIdentity) =>
  identity.department ? `${ROLE_LABELS[identity.role]} · ${DEPARTMENT_LABELS[identity.department]}` : ROLE_LABELS[identity.role];

/**
 * Browser build only (development and demos): choose which demo person the local cloud sees.
 * Test hooks: the chip is `#dev-identity-chip` (with `data-current-openid`); each option is `[data-openid="<openid>"]`.
 */
export function DemoIdentityPicker(props: Partial<DemoIdentityPickerProps>) {
  const { raised, identities } = { ...defaultProps, ...props };
  const [openid, setOpenid] = useState(currentDevOpenid);
  const [open, setOpen] = useState(false);

  useEffect(() => onDevOpenidChange(setOpenid), []);

  const me = findDemoIdentity(openid);
  const chipText = me ? `身份：${me.name} · ${ROLE_LABELS[me.role]}` : `身份：${openid}`;

  return (
    <>
      <View
        id='dev-identity-chip'
        className={`k-devid-chip${raised ? ' k-devid-chip--raised' : ''}`}
        role='button'
        aria-label={`开发身份：${me ? me.name : openid}，点击切换`}
        data-current-openid={openid}
        onClick={() => setOpen(true)}
      >
        <View className='k-devid-chip__dot' aria-hidden />
        <Text>{chipText}</Text>
      </View>
      <Popup
        visible={open}
        position='bottom'
        round
        closeable
        title='切换开发身份'
        description='仅在浏览器开发版中出现，用于模拟不同人员'
        className='k-devid-popup'
        onClose={() => setOpen(false)}
      >
        <View className='k-devid-list' role='listbox' aria-label='演示身份'>
          {identities.map((identity) => {
            const selected = identity.openid === openid;
            return (
              <View
                key={identity.openid}
                className={`k-devid-option${selected ? ' k-devid-option--selected' : ''}`}
                role='option'
                aria-selected={selected}
                data-openid={identity.openid}
                onClick={() => {
                  setDevOpenid(identity.openid);
                  setOpen(false);
                }}
              >
                <View className='k-devid-option__main'>
                  <Text className='k-devid-option__name'>{identity.name}</Text>
                  <Text className='k-devid-option__role'>{roleLine(identity)}</Text>
                </View>
                <Text className='k-devid-option__hint'>{identity.hint}</Text>
                {selected && (
                  <Text className='k-devid-option__check' aria-hidden>
                    ✓
                  </Text>
                )}
              </View>
            );
          })}
        </View>
      </Popup>
    </>
  );
}

export default DemoIdentityPicker;

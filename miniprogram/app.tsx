import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { AppChrome } from './platform/AppChrome';
import { initPlatform } from './platform/init';
import { loadSession } from './session';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initPlatform();
    // Who is calling decides whether 工作台 shows; every page reads the same answer.
    void loadSession();
  });

  return (
    <>
      {children}
      <AppChrome />
    </>
  );
}

export default App;

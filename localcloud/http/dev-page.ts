import type { RecordedMessage } from '../messages';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface DevPageModel {
  now: string;
  envId: string;
  functions: Array<{ name: string; timeoutMs: number }>;
  timers: ReadonlyArray<{ fn: string; trigger: string; cron: string }>;
  identities: ReadonlyArray<{ openid: string; name: string; role: string }>;
  messages: RecordedMessage[];
  hasBrowserBuild: boolean;
}

/** `GET /__local/` — what the local cloud is running and what it has "sent", for people developing here. */
export function renderDevPage(m: DevPageModel): string {
  const rows = m.messages
    .slice(-100)
    .reverse()
    .map(
      (msg) =>
        `<tr><td>${msg.seq}</td><td>${escape(msg.at)}</td><td>${escape(msg.channel)}</td><td>${escape(msg.to)}</td><td>${escape(msg.template)}</td><td><code>${escape(JSON.stringify(msg.data))}</code></td></tr>`,
    )
    .join('');
  const people = m.identities.map((i) => `<li><a href="/?as=${encodeURIComponent(i.openid)}">${escape(i.name)}</a> <small>${escape(i.role)} · ${escape(i.openid)}</small></li>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>本地云 · 开发面板</title>
<style>body{font:14px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;margin:24px;color:#222}h1{color:#c0392b}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:4px 8px;text-align:left;vertical-align:top}code{font-size:12px}small{color:#777}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:16px}</style>
</head><body>
<h1>本地云 · 开发面板</h1>
<p>环境 <b>${escape(m.envId)}</b> · 本地时间 <b>${escape(m.now)}</b> · ${m.hasBrowserBuild ? '<a href="/">打开小程序（浏览器版）</a>' : '浏览器版尚未构建：npm run build:h5'}</p>
<div class="grid">
<section><h2>演示身份</h2><ul>${people}</ul></section>
<section><h2>云函数</h2><ul>${m.functions.map((f) => `<li>${escape(f.name)} <small>超时 ${f.timeoutMs / 1000}s</small></li>`).join('')}</ul>
<h2>定时触发器</h2><ul>${m.timers.map((t) => `<li>${escape(t.fn)} · ${escape(t.trigger)} <code>${escape(t.cron)}</code></li>`).join('') || '<li>无</li>'}</ul></section>
</div>
<h2>已发送的消息（最近 100 条）</h2>
<table><thead><tr><th>#</th><th>时间</th><th>渠道</th><th>接收者</th><th>模板</th><th>内容</th></tr></thead><tbody>${rows || '<tr><td colspan="6">还没有消息</td></tr>'}</tbody></table>
</body></html>`;
}

import { randomBytes } from 'node:crypto';

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);

/**
 * A COS error body. @cloudbase/node-sdk parses it after the upload PUT and destructures
 * `Code`, `Message`, `RequestId` and `TraceId`, so all four must be present.
 */
export function cosErrorXml(code: string, message: string, resource: string): string {
  const requestId = randomBytes(12).toString('base64url');
  return [
    "<?xml version='1.0' encoding='utf-8' ?>",
    '<Error>',
    `    <Code>${escapeXml(code)}</Code>`,
    `    <Message>${escapeXml(message)}</Message>`,
    `    <Resource>${escapeXml(resource)}</Resource>`,
    `    <RequestId>${requestId}</RequestId>`,
    `    <TraceId>${randomBytes(24).toString('base64')}</TraceId>`,
    '</Error>',
  ].join('\n');
}

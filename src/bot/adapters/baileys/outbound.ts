// The outbound edge of the WhatsApp adapter: addresses to jids, our message content to Baileys' content, and how a
// failed send's error reads (docs/whatsapp.md §5, §6).
import { readFileSync } from 'node:fs';
import type { AnyMessageContent } from '@whiskeysockets/baileys';
import type { OutboundMessage } from '../../transport.js';

/** Codes with which WhatsApp refuses a send to a chat ("reach-out time-locked"): never retried. */
const REFUSAL_CODES = new Set(['463', '479']);

export function isRefusalCode(code: string | number | undefined): code is string | number {
  return code !== undefined && REFUSAL_CODES.has(String(code));
}

export function toJid(address: string): string {
  if (address.includes('@')) return address;
  return `${address.replace(/^\+/, '')}@s.whatsapp.net`;
}

/** The status code Baileys puts on its errors (a Boom's output.statusCode), if any. */
export function statusCodeOf(error: unknown): number | undefined {
  const code = (error as { output?: { statusCode?: unknown } } | undefined)?.output?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/** Media must have a file (the caller checks `path` first). */
export function toWaContent(content: OutboundMessage['content']): AnyMessageContent {
  switch (content.kind) {
    case 'text':
      return { text: content.text };
    case 'image':
      return { image: readFileSync(content.path!), caption: content.caption, mimetype: 'image/png' };
    case 'document':
      return {
        document: readFileSync(content.path!),
        fileName: content.fileName,
        caption: content.caption,
        mimetype: content.fileName.endsWith('.xlsx')
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'application/octet-stream',
      };
  }
}

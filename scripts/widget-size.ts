/**
 * npm run widget-size: bytes of GET /widget.js as served (loader + config), raw and gzipped.
 * Target: at most 5 KB gzipped. Prints figures; exits 1 only when the target is missed.
 */
import { gzipSync } from 'node:zlib';
import { widgetScript } from '../lib/widget/widget-script';

const TARGET_GZIP_BYTES = 5 * 1024;
const { body } = widgetScript({ allowedOrigins: ['https://clinic.example', 'https://blog.example'], origin: 'https://assistant.example' });
const raw = Buffer.byteLength(body);
const gzipped = gzipSync(body, { level: 9 }).length;
console.log(`widget.js: ${raw} bytes raw, ${gzipped} bytes gzipped (target ≤ ${TARGET_GZIP_BYTES})`);
if (gzipped > TARGET_GZIP_BYTES) {
  console.error('widget.js is over its size budget');
  process.exit(1);
}

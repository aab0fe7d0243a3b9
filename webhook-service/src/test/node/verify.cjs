// Verifies webhook deliveries with the reference Standard Webhooks library (npm standardwebhooks).
// stdin: JSON [{"secret": "whsec_...", "headers": {"webhook-id": ..., ...}, "body": "..."}]
// stdout: JSON [{"ok": true, "type": "..."} | {"ok": false, "error": "..."}], one per item, same order.
const { Webhook } = require('standardwebhooks');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const results = JSON.parse(input).map(item => {
    try {
      const payload = new Webhook(item.secret).verify(item.body, item.headers);
      return { ok: true, type: payload.type };
    } catch (e) {
      return { ok: false, error: String(e && e.message || e) };
    }
  });
  process.stdout.write(JSON.stringify(results));
});

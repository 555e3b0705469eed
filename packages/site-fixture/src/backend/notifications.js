import { fetch } from 'wix-fetch';
import { getSecret } from 'wix-secrets-backend';

// Posts a line to the operations chat. The webhook URL (https://hooks.example.com/…) is a secret.
export async function notifyOps(text) {
  const url = await getSecret('opsWebhookUrl');
  const response = await fetch(url, {
    method: 'post',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  return response.ok;
}

/**
 * npm run sms:send -- --from +22376123456 "SUIVI K7M2QX STABLE 1=3 2=2"
 *   [--url http://127.0.0.1:3000] [--id <message id>]
 *
 * Posts one message to a running server's generic inbound route, signed
 * with TOGUNA_SMS_SECRET as a gateway would (Standard Webhooks), and prints
 * the reply: the whole path can be tried without a gateway. The same --id
 * twice shows a resent message answered once.
 */
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { loadConfig } from '../config/app-config';

const USAGE =
  'usage: npm run sms:send -- --from <number> [--url <server>] [--id <message id>] "<text>"';

function parseArgs(argv: string[]): { from: string; url: string; id: string; text: string } {
  const options: Record<string, string> = {};
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const match = /^--(from|url|id)$/.exec(argv[i]);
    if (match) {
      if (argv[i + 1] === undefined) throw new Error(USAGE);
      options[match[1]] = argv[++i];
    } else words.push(argv[i]);
  }
  if (!options.from || words.length === 0) throw new Error(USAGE);
  return {
    from: options.from,
    url: (options.url ?? 'http://127.0.0.1:3000').replace(/\/+$/, ''),
    id: options.id ?? `cli_${randomUUID()}`,
    text: words.join(' '),
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const sms = loadConfig().sms;
  if (!sms) throw new Error('sms:send: TOGUNA_SMS_SECRET is not set (SMS is off)');
  const body = JSON.stringify({
    id: args.id,
    from: args.from,
    text: args.text,
    receivedAt: new Date().toISOString(),
  });
  const now = new Date();
  const response = await fetch(`${args.url}/api/v1/sms/inbound/generic`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': args.id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(sms.secret).sign(args.id, now, body),
    },
    body,
  });
  const answer = await response.text();
  if (!response.ok) {
    console.error(`sms:send: ${response.status} ${answer}`);
    return 1;
  }
  console.log((JSON.parse(answer) as { reply: string }).reply);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

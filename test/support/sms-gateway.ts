import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** One request the stand-in gateway received. */
export interface GatewayRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A real HTTP server standing in for an SMS gateway: records every post and
 * answers with the status (and body) the test sets.
 */
export class StandInGateway {
  readonly requests: GatewayRequest[] = [];
  status = 200;
  body = '{}';
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(this.status, { 'content-type': 'application/json' });
        res.end(this.body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/send`;
  }

  /** The JSON bodies received so far. */
  json<T = Record<string, unknown>>(): T[] {
    return this.requests.map((r) => JSON.parse(r.body) as T);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

/** A Standard Webhooks secret for tests (`whsec_` + base64 of 24 random-looking bytes). */
export const TEST_SMS_SECRET = `whsec_${Buffer.from('toguna-test-sms-secret-24').toString('base64')}`;

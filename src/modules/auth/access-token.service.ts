import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { loadOrCreateSecret } from '../../common/crypto/secret-files';

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

/** RFC 9068 media type: an access token cannot pass for anything else. */
const TOKEN_TYPE = 'at+jwt';
const ALGORITHM = 'HS256';

/**
 * Short-lived access JWTs. Algorithm, issuer, audience and type are pinned
 * on verification; the session they name is checked on every request.
 */
@Injectable()
export class AccessTokenService {
  private readonly key: Uint8Array;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = loadOrCreateSecret(config.keysDir, 'access-token.key', 32);
  }

  get ttlSeconds(): number {
    return this.config.accessTokenTtlSeconds;
  }

  sign(claims: AccessClaims): Promise<string> {
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: ALGORITHM, typ: TOKEN_TYPE })
      .setSubject(claims.userId)
      .setIssuer(this.config.jwtIssuer)
      .setAudience(this.config.jwtAudience)
      .setIssuedAt()
      .setExpirationTime(`${this.config.accessTokenTtlSeconds}s`)
      .setJti(randomUUID())
      .sign(this.key);
  }

  /** The claims of a valid token, or null for anything else. */
  async verify(token: string): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.config.jwtIssuer,
        audience: this.config.jwtAudience,
        typ: TOKEN_TYPE,
        requiredClaims: ['sub', 'sid', 'exp', 'iat'],
        maxTokenAge: `${this.config.accessTokenTtlSeconds + 5}s`,
        clockTolerance: 5,
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
      return { userId: payload.sub, sessionId: payload.sid };
    } catch {
      return null;
    }
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import type { JSONWebKeySet } from 'jose';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/http/app-error';
import { Transactions } from '../../database/transactions';
import { UserDisabledHooks, UsersRepository } from '../users';
import { CREDENTIAL_PURPOSE, CredentialClaims } from './credential';
import {
  MissionOrderCredential,
  RevocationsResponse,
  VerifyMissionOrderResponse,
} from './dto/mission-order.response';
import { renderMissionOrderPdf } from './mission-order-document';
import { MissionOrderSigningService } from './mission-order-signing.service';
import { readStatus } from './mission-order-status';
import { MissionOrdersService } from './mission-orders.service';
import { MissionOrderRow, MissionOrdersRepository, OrderHolder } from './mission-orders.repository';

/** Where a printed credential says it can be checked online. */
export const VERIFY_PATH = '/api/v1/verify/mission-orders/';

function holderDisabled(holderUserIds: string[]): AppError {
  return new AppError('holder_disabled', { extensions: { holderUserIds } });
}

/**
 * The credentials of approved orders: signing them (one per holder, each
 * with the holder's random credential id), printing them, checking them,
 * and the public revocation list. A holder whose account is disabled loses
 * their credential at once (UserDisabledHooks): it is published as revoked
 * and none is signed for them any more.
 */
@Injectable()
export class MissionOrderCredentialsService implements OnModuleInit {
  constructor(
    private readonly orders: MissionOrdersRepository,
    private readonly missionOrders: MissionOrdersService,
    private readonly users: UsersRepository,
    private readonly signing: MissionOrderSigningService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly disabledHooks: UserDisabledHooks,
  ) {}

  onModuleInit(): void {
    this.disabledHooks.register((tx, userId) => this.orders.endCredentialsOf(tx, userId));
  }

  /**
   * One signed credential per holder whose credential stands (a mediator
   * gets only their own); a disabled holder gets none. Reading the legal
   * identity leaves a `user.read_sensitive` event each.
   */
  async credentials(principal: Principal, id: string): Promise<MissionOrderCredential[]> {
    const row = await this.approved(principal, id);
    const holders = (await this.orders.holdersOf(row.id)).filter(
      (h) => principal.role !== 'mediator' || h.userId === principal.userId,
    );
    const standing = holders.filter((h) => !h.ended);
    if (standing.length === 0) throw holderDisabled(holders.map((h) => h.userId));
    const result: MissionOrderCredential[] = [];
    for (const holder of standing) {
      result.push({ holderUserId: holder.userId, token: await this.credentialFor(row, holder) });
    }
    return result;
  }

  async document(principal: Principal, id: string, holderUserId: string): Promise<Buffer> {
    const row = await this.missionOrders.visible(principal, id);
    const holder = (await this.orders.holdersOf(row.id)).find((h) => h.userId === holderUserId);
    if (!holder || (principal.role === 'mediator' && holderUserId !== principal.userId)) {
      throw new AppError('not_found');
    }
    await this.approved(principal, id, row);
    if (holder.ended) throw holderDisabled([holderUserId]);
    const token = await this.credentialFor(row, holder);
    const identity = await this.readIdentity(row, holderUserId, false);
    return renderMissionOrderPdf({
      orderNumber: row.orderNumber,
      authorityName: row.authorityName,
      holder: identity,
      areaNames: row.areas.map((a) => a.name),
      validFrom: row.validFrom,
      validUntil: row.validUntil,
      token,
      verifyUrl: VERIFY_PATH,
    });
  }

  /** The order if the caller may see it and it is approved (409 otherwise). */
  private async approved(
    principal: Principal,
    id: string,
    seen?: MissionOrderRow,
  ): Promise<MissionOrderRow> {
    const row = seen ?? (await this.missionOrders.visible(principal, id));
    const status = readStatus(row.status, row.validUntil);
    if (status !== 'approved') {
      throw new AppError('mission_order_not_approved', { extensions: { currentStatus: status } });
    }
    return row;
  }

  private async readIdentity(
    row: MissionOrderRow,
    holderUserId: string,
    record = true,
  ): Promise<{ legalName: string; idDocumentNumber: string }> {
    const identity = await this.users.readLegalIdentity(holderUserId);
    if (!identity) {
      throw new AppError('holder_identity_missing', {
        extensions: { holderUserIds: [holderUserId] },
      });
    }
    if (record) {
      await this.transactions.run((tx) =>
        this.audit.record(tx, {
          action: 'user.read_sensitive',
          entityType: 'user',
          entityId: holderUserId,
          associationId: row.associationId,
          details: { fields: ['legalName', 'idDocumentNumber'], ids: [row.id] },
        }),
      );
    }
    return identity;
  }

  private async credentialFor(row: MissionOrderRow, holder: OrderHolder): Promise<string> {
    return this.signing.sign({
      jti: holder.credentialId,
      orderNumber: row.orderNumber,
      holder: await this.readIdentity(row, holder.userId),
      authority: { name: row.authorityName },
      areas: row.areas.map((a) => ({ name: a.name })),
      purpose: CREDENTIAL_PURPOSE,
      validFrom: row.validFrom.toISOString(),
      validUntil: row.validUntil.toISOString(),
      issuedAt: new Date().toISOString(),
    });
  }

  /** Public: signature against a published key, window, revocation. Garbage → invalid. */
  async verify(token: string): Promise<VerifyMissionOrderResponse> {
    const invalid: VerifyMissionOrderResponse = { valid: false, status: 'invalid' };
    const checked = await this.signing.verify(token);
    if (!checked.claims || checked.status === 'invalid') return invalid;
    const c = checked.claims;
    const found = await this.standing(c);
    if (!found) return invalid;
    const { order, ended } = found;
    if (order.orderNumber !== c.orderNumber) return invalid;
    if (order.status !== 'approved' && order.status !== 'revoked') return invalid;
    const status = order.status === 'revoked' || ended ? 'revoked' : checked.status;
    return {
      valid: status === 'approved',
      status,
      orderNumber: c.orderNumber,
      holder: { legalName: c.holder.legalName, idDocumentNumber: c.holder.idDocumentNumber },
      authority: { name: c.authority.name },
      areas: c.areas.map((a) => ({ name: a.name })),
      validFrom: c.validFrom,
      validUntil: c.validUntil,
    };
  }

  /**
   * The order a credential belongs to, and whether its holder's credential
   * ended. By `jti`; a credential signed before ids existed is found by its
   * number among the orders of the former global numbering, and its holder
   * by comparing the legal identity it states with the ended holders'.
   */
  private async standing(
    claims: CredentialClaims,
  ): Promise<{ order: MissionOrderRow; ended: boolean } | null> {
    if (claims.jti !== undefined) return this.orders.findCredential(claims.jti);
    const order = await this.orders.findNumberedGlobally(claims.orderNumber);
    if (!order) return null;
    for (const holder of await this.orders.holdersOf(order.id)) {
      if (!holder.ended) continue;
      const identity = await this.users.readLegalIdentity(holder.userId);
      if (
        identity?.legalName === claims.holder.legalName &&
        identity.idDocumentNumber === claims.holder.idDocumentNumber
      ) {
        return { order, ended: true };
      }
    }
    return { order, ended: false };
  }

  publicKeys(): JSONWebKeySet {
    return this.signing.publicKeys();
  }

  async revocations(): Promise<RevocationsResponse> {
    const { credentialIds, updatedAt } = await this.orders.revokedCredentials();
    return { revoked: credentialIds, updatedAt: (updatedAt ?? new Date(0)).toISOString() };
  }
}

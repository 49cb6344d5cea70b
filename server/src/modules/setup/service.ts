import type { z } from 'zod';
import type { SetupRequest } from '../../../../common/schemas/auth.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { systemActor } from '../../policy/actor.js';
import { insertUserRecord, isSetupNeeded } from '../users/service.js';
import { claimSetup, isSetupClaimed } from './repo.js';

// First-run setup: possible only while no user exists. There is no default account anywhere;
// the first administrator is whoever completes this (or `npm run kehu -- create-admin`).

export async function setupNeeded(ctx: AppContext): Promise<boolean> {
  return isSetupNeeded(ctx);
}

export async function runSetup(ctx: AppContext, input: z.infer<typeof SetupRequest>): Promise<number> {
  if (!(await isSetupNeeded(ctx))) throw new AppError('already_exists');
  try {
    return await ctx.database.db.transaction().execute(async (trx) => {
      if (await isSetupClaimed(trx)) throw new AppError('already_exists');
      await claimSetup(trx, ctx.clock.now().toISOString());
      return insertUserRecord(trx, ctx, systemActor, { ...input, role: 'admin' });
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    // The losing request of a race trips the primary key of the setup claim.
    if (!(await isSetupNeeded(ctx))) throw new AppError('already_exists');
    throw err;
  }
}

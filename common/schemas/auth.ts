import { z } from 'zod';
import { roles } from '../roles.js';
import { DateString } from './common.js';

export const Username = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[A-Za-z0-9._@-]+$/, 'username');

/** At least 8 characters, at most 200 (scrypt input stays bounded). */
export const Password = z.string().min(8, 'password').max(200);

export const SetupStatus = z.object({ needed: z.boolean() });
export const SetupRequest = z.strictObject({
  username: Username,
  displayName: z.string().trim().min(1, 'required').max(60),
  password: Password,
});

export const LoginRequest = z.strictObject({
  username: z.string().max(200),
  password: z.string().max(1000),
});

export const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
});
export const LoginResponse = z.object({ user: Me });

export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().max(1000),
  newPassword: Password,
});

export const CreateTokenRequest = z.strictObject({
  name: z.string().trim().min(1, 'required').max(60),
  expiresOn: DateString.nullable().optional(),
});
export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  expiresOn: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
/** The token itself is in the answer to its creation only. */
export const CreatedToken = ApiToken.extend({ token: z.string() });
export const ApiTokenList = z.object({ items: z.array(ApiToken) });

import type { Role } from '../db';
import { UserInputError } from './user-input-error';

/** The spec's roles (review-workbench.md, Who), with their Chinese names for pages and lists. */
export const ROLES: Readonly<Record<Role, string>> = { clerk: '经办', checker: '复核', admin: '管理员', viewer: '只读' };

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value);
}

/** `value` as a Role, or an error naming it and the roles there are. */
export function parseRole(value: string): Role {
  if (isRole(value)) return value;
  throw new UserInputError(`unknown role "${value}": use one of ${Object.keys(ROLES).join(', ')}`);
}

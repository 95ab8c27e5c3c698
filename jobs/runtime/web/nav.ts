import type { Express } from 'express';
import type { Role } from '../db';

/** One entry of the nav bar; shown to the roles named (all logged-in users when none are). */
export interface NavItem {
  label: string;
  href: string;
  roles?: readonly Role[];
}

const NAV_SETTING = 'opsbot web nav';

/** The app's nav bar, kept in an app setting (mounted sub-apps such as Bull Board inherit settings). */
export function setNav(app: Express, items: readonly NavItem[]): void {
  app.set(NAV_SETTING, items);
}

export function navOf(app: Express): readonly NavItem[] {
  return (app.get(NAV_SETTING) as readonly NavItem[] | undefined) ?? [];
}

/** The entries this role sees, in order. */
export function navFor(items: readonly NavItem[], role: Role): NavItem[] {
  return items.filter((i) => !i.roles || i.roles.includes(role));
}

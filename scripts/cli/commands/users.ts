import type { Command } from 'commander';

const actions = () => import('../actions/users');
const collect = (value: string, previous: string[]) => [...previous, value];

export function registerUsers(program: Command): void {
  const users = program.command('users').description('the people who may log in to `opsbot web` and the dashboard (review-workbench.md, Who); every change is audited');
  users
    .command('add <name>')
    .description('add a user; the password comes from --password-file or, in a terminal, a prompt that does not echo')
    .requiredOption('--role <role>', 'clerk | checker | admin | viewer')
    .option('--branch <branch>', '开户网点 the user works for; repeat for several; none = all branches', collect, [])
    .option('--password-file <file>', 'read the password from this file (its first line); delete the file afterwards')
    .action(async (name: string, o: { role: string; branch: string[]; passwordFile?: string }) => (await actions()).usersAdd(name, o));
  users.command('list').description('every user: name, role, disabled, branches (全部网点 = all)').action(async () => (await actions()).usersList());
  users
    .command('disable <name>')
    .description('stop a user from logging in (kept, for the names in the audit and the decisions)')
    .action(async (name: string) => (await actions()).usersDisable(name));
}

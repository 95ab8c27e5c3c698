import { createBotRegistry, type AnyBot } from './sdk';
import coreBankingTransactions from './core-banking/transactions.bot';
import queueTickets from './queue/tickets.bot';
import complaintsComplaints from './complaints/complaints.bot';
import amlAlerts from './aml/alerts.bot';
import devicesInspections from './devices/inspections.bot';
import coreBankingCorrections from './core-banking/corrections.bot';
import coreBankingReconciliation from './core-banking/reconciliation.bot';
import coreBankingCustomers from './core-banking/customers.bot';
import annualReviewAccounts from './annual-review/accounts.bot';
import registryCompany from './registry/company.bot';
import coreBankingCustomerChange from './core-banking/customer-change.bot';

/**
 * Every bot opsbot can run, listed explicitly (no magic discovery): adding a bot means adding a
 * line here (`opsbot new-bot` does it for you). A test checks that every `*.bot.ts` file is listed.
 * Only the composition root (scripts/app) reads this list; it hands it to the runtime.
 */
export const bots = createBotRegistry([
  coreBankingTransactions,
  coreBankingCorrections,
  coreBankingReconciliation,
  coreBankingCustomers,
  queueTickets,
  complaintsComplaints,
  amlAlerts,
  devicesInspections,
  annualReviewAccounts,
  registryCompany,
  coreBankingCustomerChange,
] as AnyBot[]);

/** The three queues of a run: extraction children, the build parent, delivery. */
export const QUEUES = { bots: 'bots', reports: 'reports', deliver: 'deliver' } as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

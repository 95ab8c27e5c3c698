import { z } from 'zod';
import { IsoDate } from '../../records';
import { GridPageSize } from './page-size';

/** The input of a bot that lists one data date's rows, page by page: the date, and the page size to ask for. */
export const DatedGridInput = z.object({ date: IsoDate, pageSize: GridPageSize });

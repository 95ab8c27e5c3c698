/** Excel number formats used across reports. */
export const NUMBER_FORMATS = {
  count: '#,##0',
  decimal: '#,##0.0',
  money: '#,##0.00',
  share: '0.00%',
  seconds: '#,##0.0',
  dateTime: 'yyyy-mm-dd hh:mm:ss',
  date: 'yyyy-mm-dd',
} as const;

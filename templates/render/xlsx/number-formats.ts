/** Excel number formats used across reports. */
export const NUMBER_FORMATS = {
  count: '#,##0',
  decimal: '#,##0.0',
  money: '#,##0.00',
  share: '0.00%',
  // Waits and handling times: whole seconds (the cell keeps the exact mean; '183.7 秒' is false precision).
  seconds: '#,##0',
  dateTime: 'yyyy-mm-dd hh:mm:ss',
  date: 'yyyy-mm-dd',
} as const;

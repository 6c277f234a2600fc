/** Pages Side Notes reads: the web, and files opened from the local disk (README, "Permissions"). */
export const CONTENT_MATCHES = ['http://*/*', 'https://*/*', 'file:///*'];

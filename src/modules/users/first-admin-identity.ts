/**
 * Who the first administrator is when the database is created: the web app
 * shows this default name in the user's language (it imports this module),
 * until an administrator gives the account another.
 */
export const FIRST_ADMIN_USERNAME = 'admin';
export const FIRST_ADMIN_DISPLAY_NAME = 'Administrator';

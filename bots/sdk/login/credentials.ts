/** A portal account's username and password (from the config or a secrets file, never logged). */
export interface Credentials {
  username: string;
  password: string;
}

import { auth } from './auth';
import { business } from './business';
import { rooms } from './rooms';

/** Every Astro Action, one file per noun. */
export const server = { auth, business, rooms };

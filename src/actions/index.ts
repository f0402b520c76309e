import { auth } from './auth';
import { business } from './business';
import { rooms } from './rooms';
import { staff } from './staff';

/** Every Astro Action, one file per noun. */
export const server = { auth, business, rooms, staff };

import declaration from '../../src/lib/experiments/vae-masked-25000';
import { defineRun } from '../experiment';
import { vaeRun } from './vae-common';

export default defineRun(declaration, vaeRun(declaration.id));

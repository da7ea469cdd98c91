import declaration from '../../src/lib/experiments/vae-masked-complete-5000';
import { defineRun } from '../experiment';
import { vaeVariantRun } from './vae-common';

export default defineRun(declaration, vaeVariantRun(declaration.id));

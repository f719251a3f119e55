declare const file: string | null;
export = file;

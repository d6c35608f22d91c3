/**
 * The demo municipalities' profiles: the administration's address, a contact person and the account grants are paid into,
 * which a new funding application starts with. Illustrative: the streets are the towns' own, the house
 * numbers and the account (the well-known documentation IBAN) are not.
 */
import type { BankAccount, ContactPerson, Organisation, PostalAddress } from '#core/model';

const DOCUMENTATION_IBAN = 'DE89370400440532013000';

interface DemoTown {
  id: string;
  name: string;
  street: string;
  postalCode: string;
  /** "Stadtkasse" for towns, "Gemeindekasse" for municipalities. */
  cashOffice: 'Stadtkasse' | 'Gemeindekasse';
  /** The town's dialling code (the rest of the number is illustrative). */
  areaCode: string;
}

const TOWNS: DemoTown[] = [
  {
    id: 'kirchheim-unter-teck',
    areaCode: '07021',
    name: 'Kirchheim unter Teck',
    street: 'Marktstraße',
    postalCode: '73230',
    cashOffice: 'Stadtkasse',
  },
  {
    id: 'weilheim-an-der-teck',
    areaCode: '07023',
    name: 'Weilheim an der Teck',
    street: 'Marktplatz',
    postalCode: '73235',
    cashOffice: 'Stadtkasse',
  },
  {
    id: 'wendlingen-am-neckar',
    areaCode: '07024',
    name: 'Wendlingen am Neckar',
    street: 'Am Marktplatz',
    postalCode: '73240',
    cashOffice: 'Stadtkasse',
  },
  {
    id: 'plochingen',
    areaCode: '07153',
    name: 'Plochingen',
    street: 'Schulstraße',
    postalCode: '73207',
    cashOffice: 'Stadtkasse',
  },
  {
    id: 'bissingen-an-der-teck',
    areaCode: '07023',
    name: 'Bissingen an der Teck',
    street: 'Vordere Straße',
    postalCode: '73266',
    cashOffice: 'Gemeindekasse',
  },
  {
    id: 'notzingen',
    areaCode: '07021',
    name: 'Notzingen',
    street: 'Kirchheimer Straße',
    postalCode: '73274',
    cashOffice: 'Gemeindekasse',
  },
];

/** The stored profile of a demo town: its address and bank account. */
export function demoProfile(
  id: string,
): { address: PostalAddress; contact: ContactPerson; bankAccount: BankAccount } | undefined {
  const town = TOWNS.find((t) => t.id === id);
  if (!town) return undefined;
  return {
    address: { street: town.street, houseNumber: '1', postalCode: town.postalCode, city: town.name },
    // A made-up person at a reserved example domain: no real person's name or address.
    contact: {
      name: 'Alex Beispiel',
      function: 'Integrationsmanagement',
      phone: `${town.areaCode} 1234-0`,
      email: `integration@${town.id}.example`,
    },
    bankAccount: {
      accountHolder: `${town.cashOffice} ${town.name}`,
      iban: DOCUMENTATION_IBAN,
      bankName: 'Demo-Bank',
    },
  };
}

/** The organisation with its demo profile, where it is one of the demo towns. */
export const withDemoProfile = (org: Organisation): Organisation => ({ ...org, ...demoProfile(org.id) });

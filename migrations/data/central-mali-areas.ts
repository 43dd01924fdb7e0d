// Cercles and communes: the long-standing pre-2023 list (loi 99-035) used by OCHA/HDX COD-AB,
// regrouped under the regions of loi 2012-017 (Bandiagara, Douentza, San); 2023 cercles omitted.

export interface AreaSeed {
  id: string;
  name: string;
  level: 'region' | 'cercle' | 'commune';
  parentId: string | null;
}

/**
 * Reference administrative areas (region > cercle > commune), parents before children.
 * ids are UUID v5 (namespace 5b2e6c1e-4f3a-4c7d-9a51-6f0d2b7c8e90, name
 * `${level}:${parentName ?? ''}:${name}`), written out literally so the migration is reproducible.
 * One row per line on purpose, hence prettier-ignore: two UUIDs do not fit in 100 columns.
 */
// prettier-ignore
export const CENTRAL_MALI_AREAS: readonly AreaSeed[] = [
  // Région de Mopti (cercles de Mopti, Djenné, Ténenkou, Youwarou)
  { id: '0a77a962-d05e-55d2-87a1-7cb1fb77e2b7', name: 'Mopti', level: 'region', parentId: null },
  { id: '91839506-cddb-506f-8f08-64ea95c9ca6e', name: 'Mopti', level: 'cercle', parentId: '0a77a962-d05e-55d2-87a1-7cb1fb77e2b7' },
  { id: 'c4ea6332-d92b-5eb2-926c-124194f50d39', name: 'Djenné', level: 'cercle', parentId: '0a77a962-d05e-55d2-87a1-7cb1fb77e2b7' },
  { id: 'd8a49afd-f1f9-53cd-a68e-eeef54feb298', name: 'Ténenkou', level: 'cercle', parentId: '0a77a962-d05e-55d2-87a1-7cb1fb77e2b7' },
  { id: '60ff51dc-f580-5224-8998-95be4aa9e2b4', name: 'Youwarou', level: 'cercle', parentId: '0a77a962-d05e-55d2-87a1-7cb1fb77e2b7' },
  // Cercle de Mopti: 15 communes
  { id: 'a975a471-bc54-588c-ba86-bbb67c4f8964', name: 'Mopti', level: 'commune', parentId: '91839506-cddb-506f-8f08-64ea95c9ca6e' },
  { id: '15c5ae6f-601e-5eb2-9a54-c54c564f04a9', name: 'Bassirou', level: 'commune', parentId: '91839506-cddb-506f-8f08-64ea95c9ca6e' },
  { id: 'e6571f20-5ff9-5ea6-abe6-a3f31c4ec582', name: 'Borondougou', level: 'commune', parentId: '91839506-cddb-506f-8f08-64ea95c9ca6e' },
  { id: '7a5df657-4dfa-5dd5-9b10-88e95ba9f3f7', name: 'Dialloubé', level: 'commune', parentId: '91839506-cddb-506f-8f08-64ea95c9ca6e' },
  { id: '66ea6333-1165-5265-a291-be6975f004bd', name: 'Fatoma', level: 'commune', parentId: '91839506-cddb-506f-8f08-64ea95c9ca6e' },
  { id: '0f3dae74-df5f-5897-a666-655e6ce74d64', name: 'Konna', level: 'commune', parentId: '91839506-cddb-506f-8f08-64ea95c9ca6e' },
  { id: '9aa372b2-463a-5a19-a0a9-be7b8bca80b2', name: 'Korombana', level: 'commune', parentId: '91839506-cddb-506f-8f08-64ea95c9ca6e' },
  { id: '2daae605-4ec0-5448-868c-14c8f4b06afa', name: 'Koubaye', level: 'commune', parentId: '91839506-cddb-506f-8f08-64ea95c9ca6e' },
  { id: '441e4318-a3f6-5705-bd82-0c2141c5a1f7', name: 'Kounari', level: 'commune', parentId: '91839506-cddb-506f-8f08-64ea95c9ca6e' },
  { id: '99d26bba-9e0d-53cd-83dd-d6dbada4081e', name: 'Ouro Modi', level: 'commune', parentId: '91839506-cddb-506f-8f08-64ea95c9ca6e' },
  { id: '50edece4-f7ef-50a9-bb6a-2ed9aeddb890', name: 'Ouroubé Doudé', level: 'commune', parentId: '91839506-cddb-506f-8f08-64ea95c9ca6e' },
  { id: 'e287d507-06e6-504a-90ee-c2c84336156a', name: 'Sasalbé', level: 'commune', parentId: '91839506-cddb-506f-8f08-64ea95c9ca6e' },
  { id: 'f75b3d46-c957-5d13-9afa-bf7571ac0abf', name: 'Sio', level: 'commune', parentId: '91839506-cddb-506f-8f08-64ea95c9ca6e' },
  { id: '6f3040e7-3f6a-5f1b-b9d0-0dac675fd47d', name: 'Socoura', level: 'commune', parentId: '91839506-cddb-506f-8f08-64ea95c9ca6e' },
  { id: '63305757-b5b0-5060-97d4-253aa64697bf', name: 'Soye', level: 'commune', parentId: '91839506-cddb-506f-8f08-64ea95c9ca6e' },
  // Cercle de Djenné: 12 communes
  { id: 'bddff9e9-641a-52a0-9a70-f7c7461655ca', name: 'Djenné', level: 'commune', parentId: 'c4ea6332-d92b-5eb2-926c-124194f50d39' },
  { id: 'dd949a21-2695-558f-a1de-582f2ce8da33', name: 'Dandougou Fakala', level: 'commune', parentId: 'c4ea6332-d92b-5eb2-926c-124194f50d39' },
  { id: 'ae2a8b6c-b88f-5adc-affc-4982e593fa43', name: 'Derrary', level: 'commune', parentId: 'c4ea6332-d92b-5eb2-926c-124194f50d39' },
  { id: 'fd1b8d44-a5b1-5166-a37b-1bc8ae4b4507', name: 'Fakala', level: 'commune', parentId: 'c4ea6332-d92b-5eb2-926c-124194f50d39' },
  { id: '67865035-21e0-5b41-b570-0ee89f88942e', name: 'Femaye', level: 'commune', parentId: 'c4ea6332-d92b-5eb2-926c-124194f50d39' },
  { id: '633a9b2c-9269-57a8-b11c-bfa89c5b4f3c', name: 'Kéwa', level: 'commune', parentId: 'c4ea6332-d92b-5eb2-926c-124194f50d39' },
  { id: 'cc5c5849-375e-5488-a3f8-7610ebdcbdc1', name: 'Madiama', level: 'commune', parentId: 'c4ea6332-d92b-5eb2-926c-124194f50d39' },
  { id: '9ff04965-1853-5d72-b70a-8c571f08aeac', name: 'Néma Badenyakafo', level: 'commune', parentId: 'c4ea6332-d92b-5eb2-926c-124194f50d39' },
  { id: 'ae8b0748-8b9f-52ac-8235-665fb21da806', name: 'Niansanari', level: 'commune', parentId: 'c4ea6332-d92b-5eb2-926c-124194f50d39' },
  { id: 'a1075593-e88e-51f6-a240-290ed410e3a6', name: 'Ouro Ali', level: 'commune', parentId: 'c4ea6332-d92b-5eb2-926c-124194f50d39' },
  { id: '3ac1559c-5b4d-51ba-afa3-4a4dbacc62a2', name: 'Pondori', level: 'commune', parentId: 'c4ea6332-d92b-5eb2-926c-124194f50d39' },
  { id: '53067ac5-da8d-5f6b-8733-02fe90293120', name: 'Togué Mourari', level: 'commune', parentId: 'c4ea6332-d92b-5eb2-926c-124194f50d39' },
  // Cercle de Ténenkou: 10 communes
  { id: '6068f785-d61e-576a-823b-bde81ef2c9cc', name: 'Ténenkou', level: 'commune', parentId: 'd8a49afd-f1f9-53cd-a68e-eeef54feb298' },
  { id: '955367a6-a849-5a9f-88b7-e7aefcb11d1d', name: 'Diafarabé', level: 'commune', parentId: 'd8a49afd-f1f9-53cd-a68e-eeef54feb298' },
  { id: '48a84396-7f55-5afa-b4f4-eb3509877a6d', name: 'Diaka', level: 'commune', parentId: 'd8a49afd-f1f9-53cd-a68e-eeef54feb298' },
  { id: 'ead9ef34-4ef5-5680-ab57-b35a0403721b', name: 'Diondiori', level: 'commune', parentId: 'd8a49afd-f1f9-53cd-a68e-eeef54feb298' },
  { id: 'fa580b0f-7936-5338-b9e4-0ba9c3d2c0b0', name: 'Karéri', level: 'commune', parentId: 'd8a49afd-f1f9-53cd-a68e-eeef54feb298' },
  { id: '1fd52406-8ecc-5800-ae94-95d1400d745f', name: 'Ouro Ardo', level: 'commune', parentId: 'd8a49afd-f1f9-53cd-a68e-eeef54feb298' },
  { id: '639afc1b-3166-515e-bb8d-52c83fb8aa90', name: 'Ouro Guiré', level: 'commune', parentId: 'd8a49afd-f1f9-53cd-a68e-eeef54feb298' },
  { id: '668a8fe9-d47b-58fc-accc-c7847bef3651', name: 'Sougoulbé', level: 'commune', parentId: 'd8a49afd-f1f9-53cd-a68e-eeef54feb298' },
  { id: '322fe818-e2d0-5be2-9e6f-c2e12a79f6b7', name: 'Togoro Kotia', level: 'commune', parentId: 'd8a49afd-f1f9-53cd-a68e-eeef54feb298' },
  { id: 'bd220622-e092-5b3e-b0c7-bbb42ca257fe', name: 'Toguéré Coumbé', level: 'commune', parentId: 'd8a49afd-f1f9-53cd-a68e-eeef54feb298' },
  // Cercle de Youwarou: 7 communes
  { id: 'da4a55c0-d172-5072-9ec4-dfc659d5feed', name: 'Youwarou', level: 'commune', parentId: '60ff51dc-f580-5224-8998-95be4aa9e2b4' },
  { id: '468c7316-6253-5f0a-adbd-e33007d9ee9f', name: 'Bimbéré Tama', level: 'commune', parentId: '60ff51dc-f580-5224-8998-95be4aa9e2b4' },
  { id: 'f6d6e915-29b2-579b-9af1-33a68ab211aa', name: 'Déboye', level: 'commune', parentId: '60ff51dc-f580-5224-8998-95be4aa9e2b4' },
  { id: '10e68f76-f290-5506-8d8f-72c3a5094072', name: 'Dirma', level: 'commune', parentId: '60ff51dc-f580-5224-8998-95be4aa9e2b4' },
  { id: 'c22674bd-06ba-5f77-877d-8f2dac54a2c6', name: 'Dongo', level: 'commune', parentId: '60ff51dc-f580-5224-8998-95be4aa9e2b4' },
  { id: '97caa1c3-312c-574f-8a1d-020e9e9e9484', name: 'Farimaké', level: 'commune', parentId: '60ff51dc-f580-5224-8998-95be4aa9e2b4' },
  { id: '545599c8-8804-5898-a96f-3ce31b4a8fae', name: 'N\'Dodjiga', level: 'commune', parentId: '60ff51dc-f580-5224-8998-95be4aa9e2b4' },

  // Région de Bandiagara (cercles de Bandiagara, Bankass, Koro)
  { id: '6a9eaef7-14eb-5a86-a8d4-e9a356e135a7', name: 'Bandiagara', level: 'region', parentId: null },
  { id: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3', name: 'Bandiagara', level: 'cercle', parentId: '6a9eaef7-14eb-5a86-a8d4-e9a356e135a7' },
  { id: 'c807bfa5-7a65-5f71-915c-b9fcc5fe226e', name: 'Bankass', level: 'cercle', parentId: '6a9eaef7-14eb-5a86-a8d4-e9a356e135a7' },
  { id: '0c1204d7-0b64-50e8-b9c8-3abdcd85ee4f', name: 'Koro', level: 'cercle', parentId: '6a9eaef7-14eb-5a86-a8d4-e9a356e135a7' },
  // Cercle de Bandiagara: 21 communes
  { id: '1745d27c-63df-53e6-81e9-d63b9a8a1021', name: 'Bandiagara', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: '24f06daf-30a7-5a42-ae75-c1738a085dc1', name: 'Bara Sara', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: '04be7314-31f8-5654-8e2d-ded206c766d0', name: 'Borko', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: '2767b538-d4e4-599b-9427-59cf9f11444b', name: 'Dandoli', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: '88635715-a542-5b84-9324-1a04a6f20b4c', name: 'Diamnati', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: 'c7cfc4f4-7573-5d28-a149-180121bb71e4', name: 'Dogani Béré', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: '766aec13-f32b-5c8f-ada0-c11983eec2d9', name: 'Doucoumbo', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: '18d93ce5-d665-5368-b1d8-b273570f8ee0', name: 'Dourou', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: '7514aa11-3b89-5588-a1a8-f26a2a017c2a', name: 'Kendé', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: 'e26c8c49-0594-567e-9d1f-b418a0ffcde2', name: 'Kendié', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: 'eb01e1eb-b24c-5249-b155-b80378865f88', name: 'Lowol Guéou', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: '7c7c434a-52a2-5665-a2f3-944b6eb77034', name: 'Métoumou', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: '1653b414-54d4-5d29-924a-d8cc92db3183', name: 'Ondougou', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: 'a2774844-891a-5c7d-bec1-2e07400f462e', name: 'Pélou', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: '86e0f426-f55e-5047-a755-4090edd0465f', name: 'Pignari', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: 'c026e3e4-4cec-5e4e-8d46-1034e0c74197', name: 'Pignari Bana', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: '52df0b4e-5de4-5956-8f45-8fd3617d0c14', name: 'Sangha', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: '70af2adb-ff7e-57ef-899f-7ad01af35d9e', name: 'Ségué Iré', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: 'd3a86f35-b8c7-50bc-8a85-cdac1e871bcb', name: 'Soroly', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: 'caae02c3-e43e-51f1-acc5-45d57ee2ec8b', name: 'Timiniri', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  { id: '3b60f665-ef4e-54e6-a276-7beee581ab78', name: 'Wadouba', level: 'commune', parentId: 'd1403b8f-5b31-5311-9cee-5bf627ffaff3' },
  // Cercle de Bankass: 12 communes
  { id: 'a5bc26b4-6b06-5529-a336-685eaf9f54be', name: 'Bankass', level: 'commune', parentId: 'c807bfa5-7a65-5f71-915c-b9fcc5fe226e' },
  { id: 'ece558e6-13ee-546e-a79d-8ed3247feb81', name: 'Baye', level: 'commune', parentId: 'c807bfa5-7a65-5f71-915c-b9fcc5fe226e' },
  { id: '70a530bd-55bf-5d1c-9ace-e50bd1046611', name: 'Diallassagou', level: 'commune', parentId: 'c807bfa5-7a65-5f71-915c-b9fcc5fe226e' },
  { id: '39c385f3-c45f-53dc-8d98-6874249cc2f5', name: 'Dimbal Habé', level: 'commune', parentId: 'c807bfa5-7a65-5f71-915c-b9fcc5fe226e' },
  { id: 'd1f9d7f5-8f21-5d1f-ad37-d43d4986b633', name: 'Kani Bonzon', level: 'commune', parentId: 'c807bfa5-7a65-5f71-915c-b9fcc5fe226e' },
  { id: 'd5fb7aab-dcfa-582b-aebe-8066602c7be7', name: 'Koulogon Habé', level: 'commune', parentId: 'c807bfa5-7a65-5f71-915c-b9fcc5fe226e' },
  { id: 'e8a7aa5f-9ec3-552b-b575-8ed71e582c36', name: 'Lessagou Habé', level: 'commune', parentId: 'c807bfa5-7a65-5f71-915c-b9fcc5fe226e' },
  { id: 'de8e758e-4a56-574e-901b-5b69d3237329', name: 'Ouonkoro', level: 'commune', parentId: 'c807bfa5-7a65-5f71-915c-b9fcc5fe226e' },
  { id: 'a6f838b9-e0d5-5da1-8109-d1a53c8bf24b', name: 'Ségué', level: 'commune', parentId: 'c807bfa5-7a65-5f71-915c-b9fcc5fe226e' },
  { id: 'c475b8c3-d8e7-576a-bc26-63b0af811c9f', name: 'Sokoura', level: 'commune', parentId: 'c807bfa5-7a65-5f71-915c-b9fcc5fe226e' },
  { id: '7e362fc5-47a1-5337-898f-2809ad5f147d', name: 'Soubala', level: 'commune', parentId: 'c807bfa5-7a65-5f71-915c-b9fcc5fe226e' },
  { id: '3202b8d2-d715-5a7e-bbe2-c01a904cc891', name: 'Tori', level: 'commune', parentId: 'c807bfa5-7a65-5f71-915c-b9fcc5fe226e' },
  // Cercle de Koro: 16 communes
  { id: 'acf2b468-d897-5a2c-8197-70d3ee9b55d4', name: 'Koro', level: 'commune', parentId: '0c1204d7-0b64-50e8-b9c8-3abdcd85ee4f' },
  { id: 'f358e9e6-efe3-5c38-9131-85d6e7ed9f6b', name: 'Bamba', level: 'commune', parentId: '0c1204d7-0b64-50e8-b9c8-3abdcd85ee4f' },
  { id: '632d774e-cd1f-5477-a170-36d3413c908e', name: 'Barapiréli', level: 'commune', parentId: '0c1204d7-0b64-50e8-b9c8-3abdcd85ee4f' },
  { id: '81aaf48a-970a-5b60-b4e8-ac95dd8fdf87', name: 'Bondo', level: 'commune', parentId: '0c1204d7-0b64-50e8-b9c8-3abdcd85ee4f' },
  { id: 'e4cda35c-d358-5946-a255-2d8365291360', name: 'Diankabou', level: 'commune', parentId: '0c1204d7-0b64-50e8-b9c8-3abdcd85ee4f' },
  { id: 'e5666a28-9f57-5d7f-97a1-3b2e75c74bad', name: 'Dinangourou', level: 'commune', parentId: '0c1204d7-0b64-50e8-b9c8-3abdcd85ee4f' },
  { id: '32a7eee9-5d45-5e74-a715-aaefe6c1f2a5', name: 'Dioungani', level: 'commune', parentId: '0c1204d7-0b64-50e8-b9c8-3abdcd85ee4f' },
  { id: 'a8125de8-6975-52cd-815b-d9f6495b8434', name: 'Dougouténé I', level: 'commune', parentId: '0c1204d7-0b64-50e8-b9c8-3abdcd85ee4f' },
  { id: 'c08a4bcf-21f2-5c48-877b-24b921bc4137', name: 'Dougouténé II', level: 'commune', parentId: '0c1204d7-0b64-50e8-b9c8-3abdcd85ee4f' },
  { id: 'e469a14f-31d6-5ffd-ab0c-cd29ab9855cc', name: 'Kassa', level: 'commune', parentId: '0c1204d7-0b64-50e8-b9c8-3abdcd85ee4f' },
  { id: '76da8e34-2938-580a-9fb5-ca0eaa3af8af', name: 'Koporo Pen', level: 'commune', parentId: '0c1204d7-0b64-50e8-b9c8-3abdcd85ee4f' },
  { id: '08bb8934-1072-5147-8f30-26e6762b51db', name: 'Koporokendié Na', level: 'commune', parentId: '0c1204d7-0b64-50e8-b9c8-3abdcd85ee4f' },
  { id: '74a83353-824b-57e3-a713-0d40589cc89d', name: 'Madougou', level: 'commune', parentId: '0c1204d7-0b64-50e8-b9c8-3abdcd85ee4f' },
  { id: 'f6f25406-cba5-5844-9997-b16534e00887', name: 'Pel Maoudé', level: 'commune', parentId: '0c1204d7-0b64-50e8-b9c8-3abdcd85ee4f' },
  { id: '99a27472-e4d1-59e2-9aa8-1c3f1476510a', name: 'Yoro', level: 'commune', parentId: '0c1204d7-0b64-50e8-b9c8-3abdcd85ee4f' },
  { id: 'da574e9c-0856-50da-95b2-73e5cee06da5', name: 'Youdiou', level: 'commune', parentId: '0c1204d7-0b64-50e8-b9c8-3abdcd85ee4f' },

  // Région de Douentza (cercle de Douentza, 15 communes)
  { id: 'a9e05a0d-ec3c-5ccf-a241-664f85980e24', name: 'Douentza', level: 'region', parentId: null },
  { id: '9f308507-b267-5ced-915c-856208d5a17d', name: 'Douentza', level: 'cercle', parentId: 'a9e05a0d-ec3c-5ccf-a241-664f85980e24' },
  // Cercle de Douentza: 15 communes
  { id: '0dee9c5c-479d-5981-a439-05c0db266af6', name: 'Douentza', level: 'commune', parentId: '9f308507-b267-5ced-915c-856208d5a17d' },
  { id: '3d9b02d2-a346-58e2-b88d-1abe87bc6b71', name: 'Dallah', level: 'commune', parentId: '9f308507-b267-5ced-915c-856208d5a17d' },
  { id: '2b1cdae8-41bf-55b7-9ec7-79583e20242e', name: 'Dangol-Boré', level: 'commune', parentId: '9f308507-b267-5ced-915c-856208d5a17d' },
  { id: '13c83b63-1ddf-5aa5-97e0-95ba13f79c18', name: 'Débéré', level: 'commune', parentId: '9f308507-b267-5ced-915c-856208d5a17d' },
  { id: '761bb977-574c-576e-ada9-dfc81461e711', name: 'Dianwély', level: 'commune', parentId: '9f308507-b267-5ced-915c-856208d5a17d' },
  { id: 'bd764450-2841-574c-ba85-fe2eac7a2976', name: 'Djaptodji', level: 'commune', parentId: '9f308507-b267-5ced-915c-856208d5a17d' },
  { id: 'ed8874e2-b013-5bb1-bca4-6ac7e2254b95', name: 'Gandamia', level: 'commune', parentId: '9f308507-b267-5ced-915c-856208d5a17d' },
  { id: '0023e605-2f8a-53dd-94b2-3a7f53d96a7b', name: 'Haïré', level: 'commune', parentId: '9f308507-b267-5ced-915c-856208d5a17d' },
  { id: '89715540-6be2-5065-854c-bf22f9d3403e', name: 'Hombori', level: 'commune', parentId: '9f308507-b267-5ced-915c-856208d5a17d' },
  { id: '879dd700-6b4e-5b6e-9a0e-cc6434e92420', name: 'Kéréna', level: 'commune', parentId: '9f308507-b267-5ced-915c-856208d5a17d' },
  { id: '32728c2f-4cce-5c0c-881b-1c9025717bf4', name: 'Korarou', level: 'commune', parentId: '9f308507-b267-5ced-915c-856208d5a17d' },
  { id: 'ae5496d9-b5f7-5981-9633-250f9ebd900b', name: 'Koubéwel Koundia', level: 'commune', parentId: '9f308507-b267-5ced-915c-856208d5a17d' },
  { id: 'b94a3e5e-3085-50f8-b309-79bb1a9a6532', name: 'Mondoro', level: 'commune', parentId: '9f308507-b267-5ced-915c-856208d5a17d' },
  { id: '70f86629-af6a-5321-91e4-c3905fcd2021', name: 'Pétaka', level: 'commune', parentId: '9f308507-b267-5ced-915c-856208d5a17d' },
  { id: '406a8b2a-a922-534c-bd45-eef385b48278', name: 'Tédié', level: 'commune', parentId: '9f308507-b267-5ced-915c-856208d5a17d' },

  // Région de Ségou (cercles only; San and Tominian belong to the San region)
  { id: 'ed8d6e3d-cc83-51b8-aaf4-018c26595340', name: 'Ségou', level: 'region', parentId: null },
  { id: '65099ac6-c6c8-5c6e-a45e-432fecdae8b2', name: 'Ségou', level: 'cercle', parentId: 'ed8d6e3d-cc83-51b8-aaf4-018c26595340' },
  { id: '42a48507-2658-5ae4-9f78-e2aed4204a30', name: 'Barouéli', level: 'cercle', parentId: 'ed8d6e3d-cc83-51b8-aaf4-018c26595340' },
  { id: 'def6facc-b920-5059-81d5-23afe39c72f4', name: 'Bla', level: 'cercle', parentId: 'ed8d6e3d-cc83-51b8-aaf4-018c26595340' },
  { id: 'c2c1384a-9779-5136-b56e-758f014001da', name: 'Macina', level: 'cercle', parentId: 'ed8d6e3d-cc83-51b8-aaf4-018c26595340' },
  { id: '2f0dc58b-b61c-5ed8-b4a0-96af805b8c12', name: 'Niono', level: 'cercle', parentId: 'ed8d6e3d-cc83-51b8-aaf4-018c26595340' },

  // Région de San (cercles only)
  { id: '63b78843-95d3-5d0d-8dd1-83bc89a80b3e', name: 'San', level: 'region', parentId: null },
  { id: '3992f1f9-c57c-5310-8ec8-89f7ff9258aa', name: 'San', level: 'cercle', parentId: '63b78843-95d3-5d0d-8dd1-83bc89a80b3e' },
  { id: 'd600b4e3-00ff-5396-9292-97b7a2d202e0', name: 'Tominian', level: 'cercle', parentId: '63b78843-95d3-5d0d-8dd1-83bc89a80b3e' },

  // Région de Tombouctou (cercles only)
  { id: '1782d41f-fd7c-53b6-ba74-b1b0333c1a90', name: 'Tombouctou', level: 'region', parentId: null },
  { id: '61a13429-2c99-5598-9aca-630c21cd4520', name: 'Tombouctou', level: 'cercle', parentId: '1782d41f-fd7c-53b6-ba74-b1b0333c1a90' },
  { id: '2c90e8a7-7675-54d5-b5b9-0fcac829e15b', name: 'Diré', level: 'cercle', parentId: '1782d41f-fd7c-53b6-ba74-b1b0333c1a90' },
  { id: 'af3caa92-2626-5166-a3bf-7cabae1ad0b1', name: 'Goundam', level: 'cercle', parentId: '1782d41f-fd7c-53b6-ba74-b1b0333c1a90' },
  { id: 'a40d203d-474c-5fba-88ef-be9ba65068f2', name: 'Gourma-Rharous', level: 'cercle', parentId: '1782d41f-fd7c-53b6-ba74-b1b0333c1a90' },
  { id: '22d0cc66-f70c-56c7-b4e7-6d92898ddc23', name: 'Niafunké', level: 'cercle', parentId: '1782d41f-fd7c-53b6-ba74-b1b0333c1a90' },

  // Région de Koulikoro (cercles only; Dioïla and Nara are regions since the reform)
  { id: '8d29803f-3b4c-5e6e-984a-605764d25701', name: 'Koulikoro', level: 'region', parentId: null },
  { id: '691b4cf4-f92a-59f8-b91b-fbcdf7af1977', name: 'Koulikoro', level: 'cercle', parentId: '8d29803f-3b4c-5e6e-984a-605764d25701' },
  { id: '7ff88e34-52b6-55e1-989f-06ecbf2cbda8', name: 'Banamba', level: 'cercle', parentId: '8d29803f-3b4c-5e6e-984a-605764d25701' },
  { id: 'ecbf3341-af2f-538e-8046-cd4642d78950', name: 'Kangaba', level: 'cercle', parentId: '8d29803f-3b4c-5e6e-984a-605764d25701' },
  { id: 'ad2190f6-5e08-5a8f-9c8a-ac124640053b', name: 'Kati', level: 'cercle', parentId: '8d29803f-3b4c-5e6e-984a-605764d25701' },
  { id: 'fbf023ca-9531-5b80-8e9e-cf90e9206862', name: 'Kolokani', level: 'cercle', parentId: '8d29803f-3b4c-5e6e-984a-605764d25701' },
];
